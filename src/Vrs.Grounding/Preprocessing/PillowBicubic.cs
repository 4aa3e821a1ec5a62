using System.Numerics;

namespace Vrs.Grounding.Preprocessing;

/// <summary>
/// Pillow's <c>Image.resize(size, Image.BICUBIC)</c> for 8-bit RGB, bit for bit (libImaging/Resample.c): separable
/// convolution with the a = −0.5 cubic, support widened by the downscale factor (antialiasing), coefficients rounded
/// to 22-bit fixed point, horizontal pass first with the intermediate clipped to 8 bits, then the vertical pass.
/// The Hugging Face Qwen2-VL processor and qwen-vl-utils both resize through it.
/// </summary>
public static class PillowBicubic
{
    private const int PrecisionBits = 32 - 8 - 2;
    private const double Support = 2.0;

    /// <summary>Resizes <paramref name="source"/> (width·height·3 bytes, row-major RGB) into <paramref name="destination"/>.</summary>
    public static void Resize(ReadOnlySpan<byte> source, int width, int height, Span<byte> destination, int newWidth, int newHeight)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newWidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(newHeight);
        if (source.Length != width * height * 3)
        {
            throw new ArgumentException($"source has {source.Length} bytes, a {width}×{height} RGB image has {width * height * 3}", nameof(source));
        }

        if (destination.Length != newWidth * newHeight * 3)
        {
            throw new ArgumentException($"destination has {destination.Length} bytes, a {newWidth}×{newHeight} RGB image has {newWidth * newHeight * 3}", nameof(destination));
        }

        if (newWidth == width && newHeight == height)
        {
            source.CopyTo(destination);
            return;
        }

        Coefficients horizontal = Coefficients.Compute(width, newWidth);
        Coefficients vertical = Coefficients.Compute(height, newHeight);
        if (newWidth == width)
        {
            ResampleVertical(source, width, destination, newHeight, vertical, 0);
            return;
        }

        // Pillow resamples only the source rows the vertical pass will read.
        int firstRow = vertical.Bounds[0];
        int lastRow = vertical.Bounds[(newHeight - 1) * 2] + vertical.Bounds[((newHeight - 1) * 2) + 1];
        if (newHeight == height)
        {
            firstRow = 0;
            lastRow = height;
        }

        int rows = lastRow - firstRow;
        byte[] temp = new byte[newWidth * rows * 3];
        ResampleHorizontal(source, width, temp, newWidth, firstRow, rows, horizontal);
        if (newHeight == height)
        {
            temp.CopyTo(destination);
            return;
        }

        ResampleVertical(temp, newWidth, destination, newHeight, vertical, firstRow);
    }

    /// <summary>Pillow's bicubic kernel with a = −0.5.</summary>
    internal static double Filter(double x)
    {
        const double a = -0.5;
        if (x < 0.0)
        {
            x = -x;
        }

        if (x < 1.0)
        {
            return ((((a + 2.0) * x) - (a + 3.0)) * x * x) + 1;
        }

        if (x < 2.0)
        {
            return ((((x - 5) * x) + 8) * x - 4) * a;
        }

        return 0.0;
    }

    private static void ResampleHorizontal(ReadOnlySpan<byte> source, int width, Span<byte> destination, int newWidth, int firstRow, int rows, Coefficients c)
    {
        for (int y = 0; y < rows; y++)
        {
            ReadOnlySpan<byte> inRow = source.Slice((firstRow + y) * width * 3, width * 3);
            Span<byte> outRow = destination.Slice(y * newWidth * 3, newWidth * 3);
            for (int x = 0; x < newWidth; x++)
            {
                int xmin = c.Bounds[x * 2];
                int count = c.Bounds[(x * 2) + 1];
                ReadOnlySpan<int> k = c.Weights.AsSpan(x * c.Size, count);
                int s0 = 1 << (PrecisionBits - 1);
                int s1 = s0;
                int s2 = s0;
                for (int i = 0; i < count; i++)
                {
                    int p = (xmin + i) * 3;
                    s0 += inRow[p] * k[i];
                    s1 += inRow[p + 1] * k[i];
                    s2 += inRow[p + 2] * k[i];
                }

                outRow[x * 3] = Clip8(s0);
                outRow[(x * 3) + 1] = Clip8(s1);
                outRow[(x * 3) + 2] = Clip8(s2);
            }
        }
    }

    private static void ResampleVertical(ReadOnlySpan<byte> source, int width, Span<byte> destination, int newHeight, Coefficients c, int rowOffset)
    {
        int stride = width * 3;
        int[] sums = new int[stride];
        for (int y = 0; y < newHeight; y++)
        {
            int ymin = c.Bounds[y * 2] - rowOffset;
            int count = c.Bounds[(y * 2) + 1];
            ReadOnlySpan<int> k = c.Weights.AsSpan(y * c.Size, count);
            // Integer sums in the same fixed point as Pillow; added tap by tap over whole rows, so they vectorise and
            // stay bit-identical (integer addition does not depend on the order).
            sums.AsSpan().Fill(1 << (PrecisionBits - 1));
            for (int i = 0; i < count; i++)
            {
                AddScaledRow(source.Slice((ymin + i) * stride, stride), k[i], sums);
            }

            Span<byte> outRow = destination.Slice(y * stride, stride);
            for (int x = 0; x < stride; x++)
            {
                outRow[x] = Clip8(sums[x]);
            }
        }
    }

    /// <summary>sums[x] += row[x] · weight.</summary>
    private static void AddScaledRow(ReadOnlySpan<byte> row, int weight, Span<int> sums)
    {
        int x = 0;
        if (Vector.IsHardwareAccelerated && row.Length >= Vector<byte>.Count)
        {
            var w = new Vector<int>(weight);
            for (; x <= row.Length - Vector<byte>.Count; x += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(row.Slice(x, Vector<byte>.Count)), out Vector<ushort> low, out Vector<ushort> high);
                Vector.Widen(low, out Vector<uint> a, out Vector<uint> b);
                Vector.Widen(high, out Vector<uint> c, out Vector<uint> d);
                int n = Vector<int>.Count;
                Span<int> s = sums.Slice(x, Vector<byte>.Count);
                (new Vector<int>(s) + (Vector.AsVectorInt32(a) * w)).CopyTo(s);
                (new Vector<int>(s[n..]) + (Vector.AsVectorInt32(b) * w)).CopyTo(s[n..]);
                (new Vector<int>(s[(2 * n)..]) + (Vector.AsVectorInt32(c) * w)).CopyTo(s[(2 * n)..]);
                (new Vector<int>(s[(3 * n)..]) + (Vector.AsVectorInt32(d) * w)).CopyTo(s[(3 * n)..]);
            }
        }

        for (; x < row.Length; x++)
        {
            sums[x] += row[x] * weight;
        }
    }

    private static byte Clip8(int value)
    {
        if (value >= (1 << PrecisionBits << 8))
        {
            return 255;
        }

        if (value <= 0)
        {
            return 0;
        }

        return (byte)(value >> PrecisionBits);
    }

    /// <summary>Pillow's <c>precompute_coeffs</c> + <c>normalize_coeffs_8bpc</c> for the box [0, inSize).</summary>
    private sealed record Coefficients(int Size, int[] Bounds, int[] Weights)
    {
        public static Coefficients Compute(int inSize, int outSize)
        {
            double scale = (double)inSize / outSize;
            double filterScale = Math.Max(scale, 1.0);
            double support = Support * filterScale;
            int size = ((int)Math.Ceiling(support) * 2) + 1;
            int[] bounds = new int[outSize * 2];
            int[] weights = new int[outSize * size];
            double[] k = new double[size];
            for (int xx = 0; xx < outSize; xx++)
            {
                double center = (xx + 0.5) * scale;
                double ss = 1.0 / filterScale;

                // C casts truncate toward zero; the clamps make the sign irrelevant.
                int xmin = Math.Max((int)(center - support + 0.5), 0);
                int xmax = Math.Min((int)(center + support + 0.5), inSize) - xmin;
                double ww = 0.0;
                for (int x = 0; x < xmax; x++)
                {
                    double w = Filter((x + xmin - center + 0.5) * ss);
                    k[x] = w;
                    ww += w;
                }

                for (int x = 0; x < xmax; x++)
                {
                    double v = ww != 0.0 ? k[x] / ww : k[x];
                    weights[(xx * size) + x] = v < 0
                        ? (int)(-0.5 + (v * (1 << PrecisionBits)))
                        : (int)(0.5 + (v * (1 << PrecisionBits)));
                }

                bounds[xx * 2] = xmin;
                bounds[(xx * 2) + 1] = xmax;
            }

            return new Coefficients(size, bounds, weights);
        }
    }
}
