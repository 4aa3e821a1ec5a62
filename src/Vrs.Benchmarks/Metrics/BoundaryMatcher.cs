using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// Counts the query boundary pixels that lie inside the disk dilation of the target boundary, without building
/// the dilation: a query (x, y) matches when some row y + dy (|dy| ≤ r) of the target bitset has a bit in
/// x ± floor(sqrt(r² − dy²)). Row offsets are tried nearest first (widest chord), after the one that matched the
/// previous query, since neighbouring boundary pixels usually match on the same row. Words holding many queries
/// (long horizontal edges, speckle) are first tested 64 at a time against their own row.
/// </summary>
internal sealed class BoundaryMatcher
{
    // Below this many queries in a 64-pixel word, testing point by point is cheaper than the word test.
    private const int DenseWord = 8;

    private int _radius = -1;
    private int[] _offsets = [];
    private int[] _halfWidths = [];

    public long CountMatched(BoundaryBits queries, BoundaryBits targets, int radius)
    {
        Prepare(radius);
        if (queries.Count == 0 || targets.Count == 0)
        {
            return 0;
        }

        int width = queries.Width;
        int height = queries.Height;
        ReadOnlySpan<int> offsets = _offsets;
        ReadOnlySpan<int> halfWidths = _halfWidths;
        long matched = 0;
        int last = 0;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<ulong> row = queries.Row(y);
            for (int w = 0; w < row.Length; w++)
            {
                // Boundaries are sparse: step over four empty words at a time.
                if ((w & 3) == 0 && w + 4 <= row.Length && Vector256.Create(row.Slice(w, 4)) == Vector256<ulong>.Zero)
                {
                    w += 3;
                    continue;
                }

                ulong word = row[w];
                if (BitOperations.PopCount(word) >= DenseWord && radius < 64)
                {
                    // Many queries in one word: test them all against their own target row at once.
                    ulong sameRow = word & SameRowDilation(targets, y, w, radius);
                    matched += BitOperations.PopCount(sameRow);
                    word &= ~sameRow;
                }

                while (word != 0)
                {
                    int x = (w << 6) + BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                    if (Hits(targets, offsets[last], halfWidths[last], x, y, width, height))
                    {
                        matched++;
                        continue;
                    }

                    for (int k = 0; k < offsets.Length; k++)
                    {
                        if (k != last && Hits(targets, offsets[k], halfWidths[k], x, y, width, height))
                        {
                            matched++;
                            last = k;
                            break;
                        }
                    }
                }
            }
        }

        return matched;
    }

    /// <summary>Word w of row y of the target bitset dilated horizontally by ±radius (radius &lt; 64).</summary>
    private static ulong SameRowDilation(BoundaryBits targets, int y, int w, int radius)
    {
        ReadOnlySpan<ulong> row = targets.Row(y);
        ulong left = w > 0 ? row[w - 1] : 0;
        ulong middle = row[w];
        ulong right = w + 1 < row.Length ? row[w + 1] : 0;
        ulong dilated = middle;
        for (int s = 1; s <= radius; s++)
        {
            dilated |= (middle << s) | (left >> (64 - s)) | (middle >> s) | (right << (64 - s));
        }

        return dilated;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Hits(BoundaryBits targets, int dy, int halfWidth, int x, int y, int width, int height)
    {
        int ty = y + dy;
        return (uint)ty < (uint)height
            && targets.AnyInRange(ty, Math.Max(0, x - halfWidth), Math.Min(width - 1, x + halfWidth));
    }

    private void Prepare(int radius)
    {
        if (radius == _radius)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        int window = (2 * radius) + 1;
        _offsets = new int[window];
        _halfWidths = new int[window];
        for (int k = 0; k < window; k++)
        {
            // 0, 1, −1, 2, −2, …: the widest chords first.
            int dy = (k & 1) == 0 ? k >> 1 : -((k + 1) >> 1);
            _offsets[k] = dy;
            _halfWidths[k] = BoundaryTolerance.HalfWidth(radius, dy);
        }

        _radius = radius;
    }
}
