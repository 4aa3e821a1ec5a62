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

        Span<float> scale = stackalloc float[3];
        Span<float> offset = stackalloc float[3];
        for (int c = 0; c < 3; c++)
        {
            scale[c] = 1f / (255f * std[c]);
            offset[c] = -mean[c] / std[c];
        }

        Span<float> r = nchw[..pixels];
        Span<float> g = nchw.Slice(pixels, pixels);
        Span<float> b = nchw.Slice(2 * pixels, pixels);
        for (int i = 0; i < pixels; i++)
        {
            int p = i * 3;
            r[i] = (rgb[p] * scale[0]) + offset[0];
            g[i] = (rgb[p + 1] * scale[1]) + offset[1];
            b[i] = (rgb[p + 2] * scale[2]) + offset[2];
        }
    }
}
