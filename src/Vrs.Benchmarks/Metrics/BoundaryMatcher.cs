namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// Counts the query boundary pixels that lie inside the disk dilation of the target boundary, without building
/// the dilation: a query (x, y) matches when some row y + dy (|dy| ≤ r) holds a target within
/// x ± floor(sqrt(r² − dy²)). Within a query row each dy keeps a forward-only cursor into its target row
/// (started lazily, on first use in that row), so a row costs O(its points + the target points it passes); row
/// offsets are tried nearest first, after the one that matched the previous query, since neighbouring boundary
/// pixels usually match on the same row.
/// </summary>
internal sealed class BoundaryMatcher
{
    private int _radius = -1;
    private int[] _offsets = [];
    private int[] _halfWidths = [];
    private int[] _cursor = [];
    private int[] _cursorRow = [];

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
        var window = new Window(targets.RowStart, targets.Columns, _offsets, _halfWidths, _cursor, _cursorRow, height);
        window.Clear();
        long matched = 0;
        int last = 0;
        for (int y = 0; y < height; y++)
        {
            for (int q = queryStart[y]; q < queryStart[y + 1]; q++)
            {
                int x = queryColumns[q];
                if (window.Hits(last, x, y))
                {
                    matched++;
                    continue;
                }

                for (int k = 0; k < _offsets.Length; k++)
                {
                    if (k != last && window.Hits(k, x, y))
                    {
                        matched++;
                        last = k;
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

        _cursor = new int[window];
        _cursorRow = new int[window];
        _radius = radius;
    }

    private readonly ref struct Window
    {
        private readonly ReadOnlySpan<int> _rowStart;
        private readonly ReadOnlySpan<int> _columns;
        private readonly ReadOnlySpan<int> _offsets;
        private readonly ReadOnlySpan<int> _halfWidths;
        private readonly Span<int> _cursor;
        private readonly Span<int> _cursorRow;
        private readonly int _height;

        public Window(
            ReadOnlySpan<int> rowStart,
            ReadOnlySpan<int> columns,
            ReadOnlySpan<int> offsets,
            ReadOnlySpan<int> halfWidths,
            Span<int> cursor,
            Span<int> cursorRow,
            int height)
        {
            _rowStart = rowStart;
            _columns = columns;
            _offsets = offsets;
            _halfWidths = halfWidths;
            _cursor = cursor;
            _cursorRow = cursorRow;
            _height = height;
        }

        public void Clear()
        {
            _cursorRow.Fill(-1);
        }

        /// <summary>Whether target row y + offsets[k] holds a point within x ± halfWidths[k].</summary>
        public bool Hits(int k, int x, int y)
        {
            int ty = y + _offsets[k];
            if ((uint)ty >= (uint)_height)
            {
                return false;
            }

            int c = _cursor[k];
            if (_cursorRow[k] != y)
            {
                _cursorRow[k] = y;
                c = _rowStart[ty];
            }

            int stop = _rowStart[ty + 1];
            int hw = _halfWidths[k];
            int low = x - hw;
            while (c < stop && _columns[c] < low)
            {
                c++;
            }

            _cursor[k] = c;
            return c < stop && _columns[c] <= x + hw;
        }
    }
}
