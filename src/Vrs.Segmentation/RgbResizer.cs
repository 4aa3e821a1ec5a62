namespace Vrs.Segmentation;

/// <summary>
/// Bilinear resize of rgb24 images (half-pixel centres, edge clamped): vrs's stretch of frames to SAM 2's square input.
/// Not bit-equal to the official loader, which resizes JPEG frames with PIL's default (bicubic, antialiased).
/// </summary>
public static class RgbResizer
{
    public static void StretchBilinear(ReadOnlySpan<byte> source, int sourceWidth, int sourceHeight, Span<byte> destination, int width, int height)
    {
        if (source.Length < sourceWidth * sourceHeight * 3 || destination.Length < width * height * 3)
        {
            throw new ArgumentException("buffer too small for the given sizes.");
        }

        Span<int> x0 = width <= 4096 ? stackalloc int[width] : new int[width];
        Span<int> x1 = width <= 4096 ? stackalloc int[width] : new int[width];
        Span<int> wx = width <= 4096 ? stackalloc int[width] : new int[width];
        Taps(sourceWidth, width, x0, x1, wx);
        Span<int> y0 = height <= 4096 ? stackalloc int[height] : new int[height];
        Span<int> y1 = height <= 4096 ? stackalloc int[height] : new int[height];
        Span<int> wy = height <= 4096 ? stackalloc int[height] : new int[height];
        Taps(sourceHeight, height, y0, y1, wy);
        int stride = sourceWidth * 3;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> top = source.Slice(y0[y] * stride, stride);
            ReadOnlySpan<byte> bottom = source.Slice(y1[y] * stride, stride);
            int fy = wy[y];
            Span<byte> row = destination.Slice(y * width * 3, width * 3);
            for (int x = 0; x < width; x++)
            {
                int a = x0[x] * 3;
                int b = x1[x] * 3;
                int fx = wx[x];
                for (int c = 0; c < 3; c++)
                {
                    int t = (top[a + c] * (256 - fx)) + (top[b + c] * fx);
                    int u = (bottom[a + c] * (256 - fx)) + (bottom[b + c] * fx);
                    row[(x * 3) + c] = (byte)(((t * (256 - fy)) + (u * fy) + 32768) >> 16);
                }
            }
        }
    }

    // Fixed-point (8-bit) weights of the right/bottom tap.
    private static void Taps(int sourceSize, int size, Span<int> first, Span<int> second, Span<int> weight)
    {
        double scale = (double)sourceSize / size;
        for (int i = 0; i < size; i++)
        {
            double s = Math.Max(0, ((i + 0.5) * scale) - 0.5);
            int lo = Math.Min((int)s, sourceSize - 1);
            first[i] = lo;
            second[i] = Math.Min(lo + 1, sourceSize - 1);
            weight[i] = (int)Math.Round((s - lo) * 256);
        }
    }
}
