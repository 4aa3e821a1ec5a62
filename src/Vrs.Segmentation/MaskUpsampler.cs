using System.Numerics;

namespace Vrs.Segmentation;

/// <summary>
/// Bilinear resize of low-resolution mask logits to the video size, as <c>F.interpolate(mode="bilinear",
/// align_corners=False)</c> (half-pixel centres, source coordinates clamped at 0 and at the last pixel).
/// One instance caches the taps for one size pair; not thread-safe.
/// </summary>
public sealed class MaskUpsampler
{
    private readonly int[] _x0;
    private readonly int[] _x1;
    private readonly float[] _wx;
    private readonly int[] _y0;
    private readonly int[] _y1;
    private readonly float[] _wy;
    private readonly float[] _row0;
    private readonly float[] _row1;

    public MaskUpsampler(int sourceWidth, int sourceHeight, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sourceHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        Width = width;
        Height = height;
        (_x0, _x1, _wx) = Taps(sourceWidth, width);
        (_y0, _y1, _wy) = Taps(sourceHeight, height);
        _row0 = new float[width];
        _row1 = new float[width];
    }

    public int SourceWidth { get; }

    public int SourceHeight { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Upsampled logits (Width × Height floats).</summary>
    public void Upsample(ReadOnlySpan<float> source, Span<float> destination)
    {
        Check(source, destination.Length);
        int lastA = -1;
        int lastB = -1;
        for (int y = 0; y < Height; y++)
        {
            if (_y0[y] != lastA || _y1[y] != lastB)
            {
                HorizontalPass(source.Slice(_y0[y] * SourceWidth, SourceWidth), _row0);
                HorizontalPass(source.Slice(_y1[y] * SourceWidth, SourceWidth), _row1);
                lastA = _y0[y];
                lastB = _y1[y];
            }

            float w = _wy[y];
            Span<float> row = destination.Slice(y * Width, Width);
            for (int x = 0; x < Width; x++)
            {
                row[x] = _row0[x] + ((_row1[x] - _row0[x]) * w);
            }
        }
    }

    /// <summary>Binary mask (<paramref name="on"/> where the upsampled logit &gt; <paramref name="threshold"/>, else 0).</summary>
    public void UpsampleToMask(ReadOnlySpan<float> source, Span<byte> mask, float threshold = 0f, byte on = 255)
    {
        Check(source, mask.Length);
        int lastA = -1;
        int lastB = -1;
        for (int y = 0; y < Height; y++)
        {
            if (_y0[y] != lastA || _y1[y] != lastB)
            {
                HorizontalPass(source.Slice(_y0[y] * SourceWidth, SourceWidth), _row0);
                HorizontalPass(source.Slice(_y1[y] * SourceWidth, SourceWidth), _row1);
                lastA = _y0[y];
                lastB = _y1[y];
            }

            ThresholdRow(_row0, _row1, _wy[y], threshold, on, mask.Slice(y * Width, Width));
        }
    }

    /// <summary>row0 + (row1 − row0)·w &gt; threshold → on/0, four float vectors narrowed to one byte vector at a time.</summary>
    private static void ThresholdRow(float[] row0, float[] row1, float w, float threshold, byte on, Span<byte> mask)
    {
        int width = mask.Length;
        int x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int lanes = Vector<float>.Count;
            var weight = new Vector<float>(w);
            var limit = new Vector<float>(threshold);
            var onBytes = new Vector<byte>(on);
            for (; x <= width - (4 * lanes); x += 4 * lanes)
            {
                Vector<int> a = Vector.GreaterThan(Lerp(row0, row1, x, weight), limit);
                Vector<int> b = Vector.GreaterThan(Lerp(row0, row1, x + lanes, weight), limit);
                Vector<int> c = Vector.GreaterThan(Lerp(row0, row1, x + (2 * lanes), weight), limit);
                Vector<int> d = Vector.GreaterThan(Lerp(row0, row1, x + (3 * lanes), weight), limit);
                Vector<byte> bytes = Vector.AsVectorByte(Vector.Narrow(Vector.Narrow(a, b), Vector.Narrow(c, d))) & onBytes;
                bytes.CopyTo(mask.Slice(x, Vector<byte>.Count));
            }
        }

        for (; x < width; x++)
        {
            mask[x] = row0[x] + ((row1[x] - row0[x]) * w) > threshold ? on : (byte)0;
        }
    }

    private static Vector<float> Lerp(float[] row0, float[] row1, int x, Vector<float> weight)
    {
        var a = new Vector<float>(row0, x);
        return a + ((new Vector<float>(row1, x) - a) * weight);
    }

    private void HorizontalPass(ReadOnlySpan<float> source, float[] row)
    {
        for (int x = 0; x < Width; x++)
        {
            float a = source[_x0[x]];
            row[x] = a + ((source[_x1[x]] - a) * _wx[x]);
        }
    }

    private void Check(ReadOnlySpan<float> source, int destinationLength)
    {
        if (source.Length != SourceWidth * SourceHeight)
        {
            throw new ArgumentException($"source holds {source.Length} values, expected {SourceWidth}x{SourceHeight}.", nameof(source));
        }

        if (destinationLength != Width * Height)
        {
            throw new ArgumentException($"destination holds {destinationLength} values, expected {Width}x{Height}.", nameof(destinationLength));
        }
    }

    private static (int[] First, int[] Second, float[] Weight) Taps(int sourceSize, int size)
    {
        var first = new int[size];
        var second = new int[size];
        var weight = new float[size];
        double scale = (double)sourceSize / size;
        for (int i = 0; i < size; i++)
        {
            double s = Math.Max(0, ((i + 0.5) * scale) - 0.5);
            int lo = Math.Min((int)s, sourceSize - 1);
            first[i] = lo;
            second[i] = Math.Min(lo + 1, sourceSize - 1);
            weight[i] = (float)(s - lo);
        }

        return (first, second, weight);
    }
}
