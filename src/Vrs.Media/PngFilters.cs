using System.Numerics;

namespace Vrs.Media;

/// <summary>The five PNG scanline filters (PNG spec §9), undone in place; plus the Up filter the encoder uses.</summary>
internal static class PngFilters
{
    public const byte None = 0;
    public const byte Sub = 1;
    public const byte Up = 2;
    public const byte Average = 3;
    public const byte Paeth = 4;

    /// <summary>
    /// Reconstructs <paramref name="row"/> in place. <paramref name="prior"/> is the reconstructed previous row of the
    /// same pass (all zeros for the first row). Returns false for a filter type outside 0..4.
    /// </summary>
    public static bool TryUnfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        switch (filter)
        {
            case None:
                return true;
            case Sub:
                if (bpp == 1)
                {
                    UnfilterSub1(row);
                }
                else
                {
                    for (int i = bpp; i < row.Length; i++)
                    {
                        row[i] += row[i - bpp];
                    }
                }

                return true;
            case Up:
                AddInPlace(row, prior);
                return true;
            case Average:
                UnfilterAverage(row, prior, bpp);
                return true;
            case Paeth:
                UnfilterPaeth(row, prior, bpp);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes the Up-filtered difference <c>row - prior</c> (mod 256) into <paramref name="destination"/>.</summary>
    public static void FilterUp(ReadOnlySpan<byte> row, ReadOnlySpan<byte> prior, Span<byte> destination)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= row.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                (new Vector<byte>(row[i..]) - new Vector<byte>(prior[i..])).CopyTo(destination[i..]);
            }
        }

        for (; i < row.Length; i++)
        {
            destination[i] = (byte)(row[i] - prior[i]);
        }
    }

    private static void AddInPlace(Span<byte> row, ReadOnlySpan<byte> prior)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= row.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                (new Vector<byte>(row[i..]) + new Vector<byte>(prior[i..])).CopyTo(row[i..]);
            }
        }

        for (; i < row.Length; i++)
        {
            row[i] += prior[i];
        }
    }

    // Sub with one byte per pixel is a serial prefix sum. Mask rows are mostly zero differences, so runs of
    // zeros are found with a vectorised search and filled with the running value instead of summed byte by byte.
    private static void UnfilterSub1(Span<byte> row)
    {
        byte left = 0;
        int i = 0;
        while (i < row.Length)
        {
            byte d = row[i];
            if (d != 0)
            {
                left += d;
                row[i++] = left;
                continue;
            }

            int run = row[i..].IndexOfAnyExcept((byte)0);
            if (run < 0)
            {
                run = row.Length - i;
            }

            row.Slice(i, run).Fill(left);
            i += run;
        }
    }

    private static void UnfilterAverage(Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        int n = Math.Min(bpp, row.Length);
        for (int i = 0; i < n; i++)
        {
            row[i] += (byte)(prior[i] >> 1);
        }

        for (int i = bpp; i < row.Length; i++)
        {
            row[i] += (byte)((row[i - bpp] + prior[i]) >> 1);
        }
    }

    private static void UnfilterPaeth(Span<byte> row, ReadOnlySpan<byte> prior, int bpp)
    {
        int n = Math.Min(bpp, row.Length);
        for (int i = 0; i < n; i++)
        {
            // With a = c = 0 the predictor is b.
            row[i] += prior[i];
        }

        for (int i = bpp; i < row.Length; i++)
        {
            int a = row[i - bpp];
            int b = prior[i];
            int c = prior[i - bpp];
            int p = b - c;
            int q = a - c;
            int pa = Math.Abs(p);
            int pb = Math.Abs(q);
            int pc = Math.Abs(p + q);
            int predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            row[i] += (byte)predictor;
        }
    }
}
