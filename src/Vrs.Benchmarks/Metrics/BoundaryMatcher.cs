using System.Numerics;
using System.Runtime.CompilerServices;

namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// Counts the query boundary pixels that lie inside the disk dilation of the target boundary, without building
/// the dilation: a query (x, y) matches when some row y + dy (|dy| ≤ r) of the target bitset has a bit in
/// x ± floor(sqrt(r² − dy²)). Row offsets are tried nearest first (widest chord), after the one that matched the
/// previous query, since neighbouring boundary pixels usually match on the same row.
/// </summary>
internal sealed class BoundaryMatcher
{
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
                ulong word = row[w];
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
