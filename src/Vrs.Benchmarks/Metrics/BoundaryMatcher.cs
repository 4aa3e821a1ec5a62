namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// Counts the query boundary pixels that lie inside the disk dilation of the target boundary, without building
/// the dilation: a query (x, y) matches when some row y + dy (|dy| ≤ r) holds a target within
/// x ± floor(sqrt(r² − dy²)). Rows are scanned with one forward-only cursor per dy, so a query row costs
/// O(its points + the target points in its 2r + 1 rows).
/// </summary>
internal sealed class BoundaryMatcher
{
    private int _radius = -1;
    private int[] _halfWidths = [];
    private int[] _cursor = [];
    private int[] _active = [];

    public long CountMatched(BoundaryPoints queries, BoundaryPoints targets, int radius)
    {
        Prepare(radius);
        if (queries.Count == 0 || targets.Count == 0)
        {
            return 0;
        }

        int height = queries.Height;
        ReadOnlySpan<int> queryStart = queries.RowStart;
        ReadOnlySpan<int> queryColumns = queries.Columns;
        ReadOnlySpan<int> targetStart = targets.RowStart;
        ReadOnlySpan<int> targetColumns = targets.Columns;
        Span<int> cursor = _cursor;
        Span<int> active = _active;
        ReadOnlySpan<int> halfWidths = _halfWidths;
        long matched = 0;

        for (int y = 0; y < height; y++)
        {
            int q0 = queryStart[y];
            int q1 = queryStart[y + 1];
            if (q0 == q1)
            {
                continue;
            }

            // Target rows in the window that hold points, nearest first (the widest chord is checked first).
            int activeCount = 0;
            for (int k = 0; k <= 2 * radius; k++)
            {
                int dy = (k & 1) == 0 ? k >> 1 : -((k + 1) >> 1);
                int ty = y + dy;
                if ((uint)ty < (uint)height && targetStart[ty] != targetStart[ty + 1])
                {
                    active[activeCount++] = dy;
                    cursor[dy + radius] = targetStart[ty];
                }
            }

            if (activeCount == 0)
            {
                continue;
            }

            for (int q = q0; q < q1; q++)
            {
                int x = queryColumns[q];
                for (int a = 0; a < activeCount; a++)
                {
                    int dy = active[a];
                    int hw = halfWidths[Math.Abs(dy)];
                    int end = targetStart[y + dy + 1];
                    int c = cursor[dy + radius];
                    int low = x - hw;
                    while (c < end && targetColumns[c] < low)
                    {
                        c++;
                    }

                    cursor[dy + radius] = c;
                    if (c < end && targetColumns[c] <= x + hw)
                    {
                        matched++;
                        break;
                    }
                }
            }
        }

        return matched;
    }

    private void Prepare(int radius)
    {
        if (radius == _radius)
        {
            return;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        _halfWidths = new int[radius + 1];
        for (int dy = 0; dy <= radius; dy++)
        {
            _halfWidths[dy] = BoundaryTolerance.HalfWidth(radius, dy);
        }

        _cursor = new int[(2 * radius) + 1];
        _active = new int[(2 * radius) + 1];
        _radius = radius;
    }
}
