namespace Vrs.Media.Video;

/// <summary>
/// Turns a float map in [0, 1] of any size into a colour heatmap over a frame: bilinear upsampling with pixel
/// centres aligned (PyTorch's <c>align_corners=False</c>, edges clamped), a colour map, alpha blending.
/// Values outside [0, 1] are clamped and NaN reads as 0.
/// </summary>
public static class HeatmapRenderer
{
    private static readonly byte[] s_turbo = BuildLut(Colormap.Turbo);
    private static readonly byte[] s_jet = BuildLut(Colormap.Jet);

    /// <summary>Bilinearly resamples <paramref name="map"/> (row-major) to <paramref name="width"/>×<paramref name="height"/>.</summary>
    public static void Upsample(ReadOnlySpan<float> map, int mapWidth, int mapHeight, Span<float> destination, int width, int height)
    {
        CheckMap(map, mapWidth, mapHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (destination.Length != (long)width * height)
        {
            throw new ArgumentException($"destination holds {destination.Length} values; {width}×{height} needs {(long)width * height}", nameof(destination));
        }

        (int[] x0, int[] x1, float[] fx) = BilinearTaps.Compute(mapWidth, width);
        (int[] y0, int[] y1, float[] fy) = BilinearTaps.Compute(mapHeight, height);
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<float> top = map.Slice(y0[y] * mapWidth, mapWidth);
            ReadOnlySpan<float> bottom = map.Slice(y1[y] * mapWidth, mapWidth);
            float wy = fy[y];
            Span<float> row = destination.Slice(y * width, width);
            for (int x = 0; x < width; x++)
            {
                float a = top[x0[x]] + ((top[x1[x]] - top[x0[x]]) * fx[x]);
                float b = bottom[x0[x]] + ((bottom[x1[x]] - bottom[x0[x]]) * fx[x]);
                row[x] = a + ((b - a) * wy);
            }
        }
    }

    /// <summary>The colour of <paramref name="value"/> (clamped to [0, 1]) under <paramref name="colormap"/>.</summary>
    public static (byte R, byte G, byte B) Color(Colormap colormap, float value)
    {
        byte[] lut = Lut(colormap);
        int i = Quantize(value) * 3;
        return (lut[i], lut[i + 1], lut[i + 2]);
    }

    /// <summary>
    /// Writes <paramref name="frame"/> with the upsampled, colour-mapped <paramref name="map"/> blended over it at
    /// <paramref name="alpha"/> into <paramref name="destination"/> (RGB, frame-sized).
    /// </summary>
    public static void Render(ReadOnlySpan<float> map, int mapWidth, int mapHeight, RgbFrame frame, Colormap colormap, float alpha, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (alpha is < 0 or > 1 || float.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha is between 0 and 1");
        }

        if (destination.Length != frame.Pixels.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; the frame needs {frame.Pixels.Length}", nameof(destination));
        }

        int width = frame.Width;
        var values = new float[width * frame.Height];
        Upsample(map, mapWidth, mapHeight, values, width, frame.Height);
        byte[] lut = Lut(colormap);
        int weight = (int)MathF.Round(alpha * 256);
        ReadOnlySpan<byte> under = frame.Pixels;
        for (int i = 0; i < values.Length; i++)
        {
            int c = Quantize(values[i]) * 3;
            int o = i * 3;
            destination[o] = Blend(under[o], lut[c], weight);
            destination[o + 1] = Blend(under[o + 1], lut[c + 1], weight);
            destination[o + 2] = Blend(under[o + 2], lut[c + 2], weight);
        }
    }

    private static byte Blend(byte under, byte over, int weight) =>
        (byte)(((under * (256 - weight)) + (over * weight) + 128) >> 8);

    private static int Quantize(float value) =>
        float.IsNaN(value) ? 0 : (int)MathF.Round(Math.Clamp(value, 0f, 1f) * 255f);

    private static byte[] Lut(Colormap colormap) => colormap switch
    {
        Colormap.Turbo => s_turbo,
        Colormap.Jet => s_jet,
        _ => throw new ArgumentOutOfRangeException(nameof(colormap), colormap, "unknown colour map"),
    };

    private static void CheckMap(ReadOnlySpan<float> map, int mapWidth, int mapHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mapWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(mapHeight);
        if (map.Length != (long)mapWidth * mapHeight)
        {
            throw new ArgumentException($"the map holds {map.Length} values; {mapWidth}×{mapHeight} needs {(long)mapWidth * mapHeight}", nameof(map));
        }
    }

    private static byte[] BuildLut(Colormap colormap)
    {
        var lut = new byte[256 * 3];
        for (int i = 0; i < 256; i++)
        {
            double x = i / 255.0;
            (double r, double g, double b) = colormap == Colormap.Turbo ? Turbo(x) : Jet(x);
            lut[i * 3] = ToByte(r);
            lut[(i * 3) + 1] = ToByte(g);
            lut[(i * 3) + 2] = ToByte(b);
        }

        return lut;
    }

    // Turbo's polynomial approximation (Mikhailov, Google AI blog, 2019), max error about 1/255 mid-range.
    private static (double R, double G, double B) Turbo(double x) =>
    (
        0.13572138 + (x * (4.61539260 + (x * (-42.66032258 + (x * (132.13108234 + (x * (-152.94239396 + (x * 59.28637943))))))))),
        0.09140261 + (x * (2.19418839 + (x * (4.84296658 + (x * (-14.18503333 + (x * (4.27729857 + (x * 2.82956604))))))))),
        0.10667330 + (x * (12.64194608 + (x * (-60.58204836 + (x * (110.36276771 + (x * (-89.90310912 + (x * 27.34824973)))))))))
    );

    private static (double R, double G, double B) Jet(double x) =>
        (1.5 - Math.Abs((4 * x) - 3), 1.5 - Math.Abs((4 * x) - 2), 1.5 - Math.Abs((4 * x) - 1));

    private static byte ToByte(double v) => (byte)Math.Round(Math.Clamp(v, 0, 1) * 255);
}
