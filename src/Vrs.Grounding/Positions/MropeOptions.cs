namespace Vrs.Grounding.Positions;

/// <summary>
/// What get_rope_index needs besides the ids (lvlm-grounding.md §6.4): the control ids, the spatial merge, and for
/// Qwen2.5-VL the temporal scaling of video blocks (t·second_per_grid_t·tokens_per_second, truncated).
/// </summary>
public sealed record MropeOptions
{
    /// <summary>Qwen2-VL: video temporal positions are 0, 1, 2, … per temporal grid.</summary>
    public static MropeOptions Qwen2Vl { get; } = new();

    /// <summary>Qwen2.5-VL: video temporal positions scale with seconds per temporal grid × 2 tokens per second.</summary>
    public static MropeOptions Qwen25Vl { get; } = new() { ScaleVideoTime = true };

    public int ImagePadId { get; init; } = 151655;

    public int VideoPadId { get; init; } = 151656;

    public int SpatialMergeSize { get; init; } = 2;

    public bool ScaleVideoTime { get; init; }

    /// <summary>Qwen2.5-VL config <c>vision_config.tokens_per_second</c>.</summary>
    public int TokensPerSecond { get; init; } = 2;

    /// <summary>The processor's second_per_grid_t = temporal_patch_size / fps (2 / 2.0 at the default fps).</summary>
    public static float SecondsPerGrid(double fps, int temporalPatchSize = 2) => (float)(temporalPatchSize / fps);
}
