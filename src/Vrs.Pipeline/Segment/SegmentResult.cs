using Vrs.Grounding.Maps;
using Vrs.Media.Video;
using Vrs.Pipeline.Output;

namespace Vrs.Pipeline.Segment;

/// <summary>A finished run: the target's masks (one object, the union of the chosen ones), the report, and what heatmaps need.</summary>
public sealed record SegmentResult(TrackedMasks Masks, SegmentReport Report, IReadOnlyList<RgbFrame> SampledFrames, GroundingResult? Maps);
