using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        var rows = new RowPair(this);
        for (int y = 0; y < Height; y++)
        {
            (float[] row0, float[] row1) = rows.At(source, y);
            float w = _wy[y];
            Span<float> row = destination.Slice(y * Width, Width);
            for (int x = 0; x < Width; x++)
            {
                row[x] = row0[x] + ((row1[x] - row0[x]) * w);
            }
        }
    }

    /// <summary>Binary mask (<paramref name="on"/> where the upsampled logit &gt; <paramref name="threshold"/>, else 0).</summary>
    public void UpsampleToMask(ReadOnlySpan<float> source, Span<byte> mask, float threshold = 0f, byte on = 255)
    {
        Check(source, mask.Length);
        var rows = new RowPair(this);
        for (int y = 0; y < Height; y++)
        {
            (float[] row0, float[] row1) = rows.At(source, y);
            ThresholdRow(row0, row1, _wy[y], threshold, on, mask.Slice(y * Width, Width));
        }
    }

    /// <summary>row0 + (row1 − row0)·w &gt; threshold → on/0, four float vectors narrowed to one byte vector at a time.</summary>
    private static void ThresholdRow(float[] row0, float[] row1, float w, float threshold, byte on, Span<byte> mask)
    {
        int width = mask.Length;
        int x = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> weight = Vector512.Create(w);
            Vector512<float> limit = Vector512.Create(threshold);
            Vector512<byte> onBytes = Vector512.Create(on);
            ref float first = ref MemoryMarshal.GetArrayDataReference(row0);
            ref float second = ref MemoryMarshal.GetArrayDataReference(row1);
            ref byte output = ref MemoryMarshal.GetReference(mask);
            for (; x <= width - 64; x += 64)
            {
                Vector512<int> a = Vector512.GreaterThan(Lerp(ref first, ref second, x, weight), limit).AsInt32();
                Vector512<int> b = Vector512.GreaterThan(Lerp(ref first, ref second, x + 16, weight), limit).AsInt32();
                Vector512<int> c = Vector512.GreaterThan(Lerp(ref first, ref second, x + 32, weight), limit).AsInt32();
                Vector512<int> d = Vector512.GreaterThan(Lerp(ref first, ref second, x + 48, weight), limit).AsInt32();
                Vector512<byte> bytes = Vector512.Narrow(Vector512.Narrow(a, b), Vector512.Narrow(c, d)).AsByte() & onBytes;
                bytes.StoreUnsafe(ref output, (nuint)x);
            }
        }

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

    private static Vector512<float> Lerp(ref float row0, ref float row1, int x, Vector512<float> weight)
    {
        Vector512<float> a = Vector512.LoadUnsafe(ref row0, (nuint)x);
        return a + ((Vector512.LoadUnsafe(ref row1, (nuint)x) - a) * weight);
    }

    private static Vector<float> Lerp(float[] row0, float[] row1, int x, Vector<float> weight)
    {
        var a = new Vector<float>(row0, x);
        return a + ((new Vector<float>(row1, x) - a) * weight);
    }

    private void HorizontalPass(ReadOnlySpan<float> source, float[] row)
    {
        // Taps index inside the source row (checked when they were made), so the loop reads without bounds checks.
        ref float first = ref MemoryMarshal.GetReference(source);
        ref int x0 = ref MemoryMarshal.GetArrayDataReference(_x0);
        ref int x1 = ref MemoryMarshal.GetArrayDataReference(_x1);
        ref float wx = ref MemoryMarshal.GetArrayDataReference(_wx);
        ref float output = ref MemoryMarshal.GetArrayDataReference(row);
        for (int x = 0; x < row.Length; x++)
        {
            float a = Unsafe.Add(ref first, Unsafe.Add(ref x0, x));
            Unsafe.Add(ref output, x) = a + ((Unsafe.Add(ref first, Unsafe.Add(ref x1, x)) - a) * Unsafe.Add(ref wx, x));
        }
    }

    /// <summary>
    /// The two horizontally resized source rows output row y blends. Consecutive output rows mostly share both;
    /// when they move down by one source row, the old second row becomes the first, so each source row is resized
    /// about once per image instead of twice per change.
    /// </summary>
    private ref struct RowPair(MaskUpsampler owner)
    {
        private int _a = -1;
        private int _b = -1;
        private float[] _first = owner._row0;
        private float[] _second = owner._row1;

        public (float[] Row0, float[] Row1) At(ReadOnlySpan<float> source, int y)
        {
            int a = owner._y0[y];
            int b = owner._y1[y];
            if (a != _a || b != _b)
            {
                int width = owner.SourceWidth;
                if (a == _b)
                {
                    (_first, _second) = (_second, _first);
                }
                else
                {
                    owner.HorizontalPass(source.Slice(a * width, width), _first);
                }

                if (b == a)
                {
                    _first.AsSpan().CopyTo(_second);
                }
                else
                {
                    owner.HorizontalPass(source.Slice(b * width, width), _second);
                }

                _a = a;
                _b = b;
            }

            return (_first, _second);
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
