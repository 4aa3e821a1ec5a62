namespace Vrs.Pipeline.Method;

/// <summary>
/// The method's constants and where each comes from (lvlm-grounding.md §3.5 for DecAF, §4 for SteerSeg). A bundle's
/// manifest may override the ranking ones (<see cref="SegmentOptions.FromManifest"/>), flags override both.
/// </summary>
public static class MethodDefaults
{
    /// <summary>DecAF's τ_pq: token cells of the fused map at or above 0.8 become point queries.</summary>
    public const float PointThreshold = 0.8f;

    /// <summary>DecAF's duplicate suppression: a candidate whose mask overlaps a better one by IoU &gt; 0.7 is dropped.</summary>
    public const float SuppressionIou = 0.7f;

    /// <summary>
    /// DecAF's τ_trk: tracklets scoring at least 0.8 of the best are kept as further targets (used when the query
    /// asks for several objects).
    /// </summary>
    public const float KeepRatio = 0.8f;

    /// <summary>SteerSeg's frame weight in the Pearson fusion, read from its demos' <c>wf0.30</c> (inferred, §4).</summary>
    public const float FrameWeight = 0.3f;

    /// <summary>
    /// Below this fused Pearson correlation no tracklet agrees with the maps and the query is answered "no target".
    /// Ours: 0.2 is the conventional edge of a weak positive correlation; a bundle may set its own.
    /// </summary>
    public const float MinScore = 0.2f;

    /// <summary>Keyframes point prompts are taken from (SteerSeg: "sampled keyframes"; the count is ours).</summary>
    public const int Keyframes = 3;

    /// <summary>Point queries kept per keyframe, strongest first (DecAF keeps every cell; we keep one per blob).</summary>
    public const int PointsPerKeyframe = 3;

    /// <summary>Manifest constants (in the lvlm bundle's <c>constants</c>) that override the ranking defaults.</summary>
    public const string FrameWeightConstant = "steerseg_frame_weight";

    public const string MinScoreConstant = "steerseg_min_score";
}
