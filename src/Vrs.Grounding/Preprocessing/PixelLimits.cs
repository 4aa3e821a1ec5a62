namespace Vrs.Grounding.Preprocessing;

/// <summary>The area bounds smart_resize keeps a frame within (<c>min_pixels</c>, <c>max_pixels</c> of a message item).</summary>
public readonly record struct PixelLimits(long MinPixels, long MaxPixels)
{
    public static PixelLimits Default => new(QwenVisionConfig.DefaultMinPixels, QwenVisionConfig.DefaultMaxPixels);

    /// <summary>At most <paramref name="tokens"/> merged tokens per frame: max_pixels = tokens·28² (DecAF: 400 for video).</summary>
    public static PixelLimits ForTokens(int tokens) => new(QwenVisionConfig.DefaultMinPixels, (long)tokens * 28 * 28);
}
