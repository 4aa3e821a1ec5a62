using Vrs.Grounding.Rollout;

namespace Vrs.Pipeline.Tracking;

/// <summary>Where and onto what the tracklets are pooled: the sampled frames and the shapes of the two maps (frame map optional).</summary>
public sealed record TrackingGrids(IReadOnlyList<int> SampledFrames, TokenMap? FrameMap, TokenMap VideoMap);
