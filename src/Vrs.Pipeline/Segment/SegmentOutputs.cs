namespace Vrs.Pipeline.Segment;

/// <summary>Where a segment run's outputs go: the mask folder (with <c>report.json</c>) always, the rest when asked.</summary>
public sealed record SegmentOutputs(string MaskFolder, string? OverlayFile = null, string? HeatmapFolder = null, string? RleFile = null);
