using System.Buffers;

namespace Vrs.Media;

/// <summary>
/// COCO run-length encoded masks (pycocotools): counts of alternating 0-runs and 1-runs, starting with 0, over the
/// pixels in column-major order; the JSON form is the compressed counts string of <see cref="CocoRleString"/>.
/// Masks here are row-major, one byte per pixel, as a <see cref="GrayImage"/> holds them.
/// Malformed strings or counts throw <see cref="InvalidDataException"/>; callers add which file and entry it was.
/// </summary>
public static class CocoRle
{
    /// <summary>Parses a compressed counts string (<c>rleFrString</c>).</summary>
    public static uint[] ParseCounts(ReadOnlySpan<char> text)
    {
        uint[] buffer = ArrayPool<uint>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            int n = CocoRleString.Parse(text, buffer);
            return buffer.AsSpan(0, n).ToArray();
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses into <paramref name="counts"/>, which must hold at least <c>text.Length</c> values; returns how many were written.</summary>
    public static int ParseCounts(ReadOnlySpan<char> text, Span<uint> counts)
    {
        if (counts.Length < text.Length)
        {
            throw new ArgumentException($"the counts buffer holds {counts.Length} values; a string of {text.Length} characters may need {text.Length}", nameof(counts));
        }

        return CocoRleString.Parse(text, counts);
    }

    /// <summary>Writes counts as the compressed string (<c>rleToString</c>).</summary>
    public static string FormatCounts(ReadOnlySpan<uint> counts) => CocoRleString.Format(counts);

    /// <summary>Decodes a counts string into a row-major 0/1 mask of <paramref name="height"/>×<paramref name="width"/> (overwritten).</summary>
    public static void Decode(ReadOnlySpan<char> text, int height, int width, Span<byte> mask) =>
        DecodeText(text, height, width, mask, ByteTranspose.Combine.Overwrite);

    /// <summary>
    /// Adds 1 to every pixel of <paramref name="mask"/> the RLE covers, wrapping at 256. The official ReVOS/MeViS
    /// scripts sum the uint8 masks of a multi-object expression, so overlapping objects give 2.
    /// </summary>
    public static void DecodeAdd(ReadOnlySpan<char> text, int height, int width, Span<byte> mask) =>
        DecodeText(text, height, width, mask, ByteTranspose.Combine.Add);

    /// <summary>Decodes a newly allocated row-major 0/1 mask.</summary>
    public static GrayImage Decode(ReadOnlySpan<char> text, int height, int width)
    {
        var image = new GrayImage(width, height);
        Decode(text, height, width, image.Pixels);
        return image;
    }

    /// <summary>Writes counts as a row-major 0/1 mask (overwritten).</summary>
    public static void CountsToMask(ReadOnlySpan<uint> counts, int height, int width, Span<byte> mask) =>
        RunsToMask(counts, height, width, mask, ByteTranspose.Combine.Overwrite);

    /// <summary>Adds 1 per covered pixel into <paramref name="mask"/>, wrapping at 256.</summary>
    public static void AddCountsToMask(ReadOnlySpan<uint> counts, int height, int width, Span<byte> mask) =>
        RunsToMask(counts, height, width, mask, ByteTranspose.Combine.Add);

    /// <summary>Run-length encodes a row-major mask (any non-zero byte is foreground), like <c>rleEncode</c> on its 0/1 form.</summary>
    public static uint[] EncodeCounts(ReadOnlySpan<byte> mask, int height, int width)
    {
        int area = CheckArea(height, width, mask.Length);
        byte[] columnMajor = ArrayPool<byte>.Shared.Rent(Math.Max(1, area));
        try
        {
            ByteTranspose.Transpose(mask[..area], height, width, columnMajor, ByteTranspose.Combine.Overwrite);
            ReadOnlySpan<byte> pixels = columnMajor.AsSpan(0, area);
            var counts = new List<uint>();
            int j = 0;
            bool foreground = false;
            while (true)
            {
                ReadOnlySpan<byte> rest = pixels[j..];
                int run = foreground ? rest.IndexOf((byte)0) : rest.IndexOfAnyExcept((byte)0);
                if (run < 0)
                {
                    counts.Add((uint)rest.Length);
                    return [.. counts];
                }

                counts.Add((uint)run);
                j += run;
                foreground = !foreground;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(columnMajor);
        }
    }

    /// <summary>
    /// Adds 1 (uint8, wrapping) to every foreground pixel of the mask in COCO's own column-major order: pixel (x, y)
    /// lands at <c>x * height + y</c>. No transpose, so a caller that works in the transposed frame (metrics are
    /// invariant under transposition) decodes at memset speed.
    /// </summary>
    public static void DecodeAddColumnMajor(ReadOnlySpan<char> text, int height, int width, Span<byte> columnMajorMask)
    {
        int area = CheckArea(height, width, columnMajorMask.Length);
        uint[] counts = ArrayPool<uint>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            int n = CocoRleString.Parse(text, counts);
            long sum = 0;
            int j = 0;
            for (int k = 0; k < n; k++)
            {
                sum += counts[k];
                if (sum > area)
                {
                    break;
                }

                int run = (int)counts[k];
                if ((k & 1) == 1)
                {
                    AddOne(columnMajorMask.Slice(j, run));
                }

                j += run;
            }

            if (sum != area)
            {
                throw new InvalidDataException($"RLE counts cover {SumAll(counts.AsSpan(0, n))} pixels but the mask size {height}×{width} has {area} (the counts do not match the size)");
            }
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(counts);
        }
    }

    /// <summary>The number of foreground pixels of an RLE mask (the sum of its odd runs), checked against the size.</summary>
    public static ulong CountForeground(ReadOnlySpan<char> text, int height, int width)
    {
        long area = (long)height * width;
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        uint[] counts = ArrayPool<uint>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            int n = CocoRleString.Parse(text, counts);
            ulong foreground = 0;
            long sum = 0;
            for (int k = 0; k < n; k++)
            {
                sum += counts[k];
                if ((k & 1) == 1)
                {
                    foreground += counts[k];
                }
            }

            if (sum != area)
            {
                throw new InvalidDataException($"RLE counts cover {sum} pixels but the mask size {height}×{width} has {area} (the counts do not match the size)");
            }

            return foreground;
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(counts);
        }
    }

    /// <summary>Writes the transpose of a row-major <paramref name="height"/>×<paramref name="width"/> image (column-major order).</summary>
    public static void TransposeToColumnMajor(ReadOnlySpan<byte> rowMajor, int height, int width, Span<byte> columnMajor) =>
        ByteTranspose.Transpose(rowMajor, height, width, columnMajor, ByteTranspose.Combine.Overwrite);

    private static void AddOne(Span<byte> run)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            var one = System.Numerics.Vector<byte>.One;
            int width = System.Numerics.Vector<byte>.Count;
            for (; i <= run.Length - width; i += width)
            {
                var slice = run.Slice(i, width);
                (new System.Numerics.Vector<byte>(slice) + one).CopyTo(slice);
            }
        }

        for (; i < run.Length; i++)
        {
            run[i]++;
        }
    }

    private static long SumAll(ReadOnlySpan<uint> counts)
    {
        long sum = 0;
        foreach (uint c in counts)
        {
            sum += c;
        }

        return sum;
    }

    /// <summary>Run-length encodes a row-major mask to the compressed counts string.</summary>
    public static string Encode(ReadOnlySpan<byte> mask, int height, int width) => FormatCounts(EncodeCounts(mask, height, width));

    private static void DecodeText(ReadOnlySpan<char> text, int height, int width, Span<byte> mask, ByteTranspose.Combine combine)
    {
        uint[] counts = ArrayPool<uint>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            int n = CocoRleString.Parse(text, counts);
            RunsToMask(counts.AsSpan(0, n), height, width, mask, combine);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(counts);
        }
    }

    private static void RunsToMask(ReadOnlySpan<uint> counts, int height, int width, Span<byte> mask, ByteTranspose.Combine combine)
    {
        int area = CheckArea(height, width, mask.Length);
        long sum = 0;
        foreach (uint c in counts)
        {
            sum += c;
        }

        if (sum != area)
        {
            throw new InvalidDataException($"RLE counts cover {sum} pixels but the mask size {height}×{width} has {area} (the counts do not match the size)");
        }

        // Runs are column-major: fill the transposed (width×height) image with memsets, then transpose into place.
        byte[] columnMajor = ArrayPool<byte>.Shared.Rent(Math.Max(1, area));
        try
        {
            Span<byte> pixels = columnMajor.AsSpan(0, area);
            int j = 0;
            byte value = 0;
            foreach (uint c in counts)
            {
                pixels.Slice(j, (int)c).Fill(value);
                j += (int)c;
                value ^= 1;
            }

            ByteTranspose.Transpose(pixels, width, height, mask, combine);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(columnMajor);
        }
    }

    private static int CheckArea(int height, int width, int maskLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        long area = (long)height * width;
        if (area > maskLength)
        {
            throw new ArgumentException($"the mask buffer holds {maskLength} bytes but {height}×{width} needs {area}");
        }

        return (int)area;
    }
}
