namespace Vrs.Grounding.Preprocessing;

/// <summary>
/// The Qwen2-VL / Qwen2.5-VL processor constants (preprocessor_config.json; lvlm-grounding.md §6.2): patch 14, merge 2,
/// temporal patch 2, OpenAI CLIP mean/std, and the pixel limits of qwen-vl-utils.
/// </summary>
public sealed record QwenVisionConfig
{
    /// <summary>qwen-vl-utils MIN_PIXELS = 4·28² and MAX_PIXELS = 16384·28² (the processor's own limits too).</summary>
    public const long DefaultMinPixels = 4 * 28 * 28;

    public const long DefaultMaxPixels = 16384 * 28 * 28;

    public static QwenVisionConfig Default { get; } = new();

    public int PatchSize { get; init; } = 14;

    public int MergeSize { get; init; } = 2;

    public int TemporalPatchSize { get; init; } = 2;

#pragma warning disable CA1819 // Three constants; records compare them by reference, which is fine for a config.
    public float[] Mean { get; init; } = [0.48145466f, 0.4578275f, 0.40821073f];

    public float[] Std { get; init; } = [0.26862954f, 0.26130258f, 0.27577711f];
#pragma warning restore CA1819

    /// <summary>Both sides of a resized image are multiples of this (28).</summary>
    public int Factor => PatchSize * MergeSize;

    /// <summary>Columns of <c>pixel_values</c>: 3·temporal·patch² (1176).</summary>
    public int PatchDimension => 3 * TemporalPatchSize * PatchSize * PatchSize;
}
