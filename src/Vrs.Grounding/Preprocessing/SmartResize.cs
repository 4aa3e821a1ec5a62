namespace Vrs.Grounding.Preprocessing;

/// <summary>
/// qwen-vl-utils <c>smart_resize</c> (lvlm-grounding.md §6.2): both sides a multiple of <c>factor</c>, the area inside
/// [minPixels, maxPixels], the aspect ratio kept as closely as possible.
/// </summary>
public static class SmartResize
{
    /// <summary>Qwen2-VL refuses images whose long side is more than 200 times the short one.</summary>
    public const int MaxAspectRatio = 200;

    public static (int Height, int Width) Compute(int height, int width, int factor, long minPixels, long maxPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(factor);
        if ((double)Math.Max(height, width) / Math.Min(height, width) > MaxAspectRatio)
        {
            throw new ArgumentException($"a {width}×{height} image has an aspect ratio above {MaxAspectRatio}, which Qwen2-VL does not accept");
        }

        // Python's round() is half-to-even, as is Math.Round's default.
        long hBar = Math.Max(factor, (long)Math.Round((double)height / factor) * factor);
        long wBar = Math.Max(factor, (long)Math.Round((double)width / factor) * factor);
        if (hBar * wBar > maxPixels)
        {
            double beta = Math.Sqrt((double)height * width / maxPixels);
            hBar = Math.Max(factor, (long)Math.Floor(height / beta / factor) * factor);
            wBar = Math.Max(factor, (long)Math.Floor(width / beta / factor) * factor);
        }
        else if (hBar * wBar < minPixels)
        {
            double beta = Math.Sqrt(minPixels / ((double)height * width));
            hBar = (long)Math.Ceiling(height * beta / factor) * factor;
            wBar = (long)Math.Ceiling(width * beta / factor) * factor;
        }

        return (checked((int)hBar), checked((int)wBar));
    }
}
