using Vrs.Segmentation;

namespace Vrs.Pipeline.Tracking;

/// <summary>A prompt for one object on one frame: clicks and/or a box, in video pixels.</summary>
public sealed record ObjectPrompt(int ObjectId, int Frame, IReadOnlyList<PointPrompt> Points, BoxPrompt? Box = null);
