namespace Vrs.Segmentation;

/// <summary>
/// SAM 2's <c>fill_holes_in_mask_scores</c>: background components (logit ≤ 0, 8-connected) of at most
/// <c>maxArea</c> pixels become foreground with logit +0.1. One instance reuses its buffers; not thread-safe.
/// </summary>
/// <remarks>
/// Components are found on runs, not pixels: each row's background runs are joined (union-find) with the runs of
/// the row above that they touch, diagonals included. A mask has a few runs per row, so this costs one pass over
/// the logits plus work per run, instead of a flood fill that visits every background pixel's 8 neighbours
/// (most of a 256² mask is background).
/// </remarks>
public sealed class HoleFiller
{
    private int[] _start = [];
    private int[] _end = [];
    private int[] _parent = [];
    private int[] _size = [];

    /// <summary>Fills holes in place; returns the number of pixels filled.</summary>
    public int Fill(Span<float> logits, int width, int height, int maxArea)
    {
        if (maxArea <= 0)
        {
            return 0;
        }

        int count = width * height;
        if (logits.Length != count)
        {
            throw new ArgumentException($"logits hold {logits.Length} values, expected {width}x{height}.", nameof(logits));
        }

        // A row of w pixels holds at most (w + 1) / 2 runs.
        int capacity = height * ((width + 1) / 2);
        if (_start.Length < capacity)
        {
            _start = new int[capacity];
            _end = new int[capacity];
            _parent = new int[capacity];
            _size = new int[capacity];
        }

        int runs = 0;
        int previousFirst = 0;
        for (int y = 0; y < height; y++)
        {
            int first = runs;
            ReadOnlySpan<float> row = logits.Slice(y * width, width);
            int x = 0;
            while (x < width)
            {
                int s = NextBackground(row, x);
                if (s == width)
                {
                    break;
                }

                x = NextForeground(row, s);
                _start[runs] = (y * width) + s;
                _end[runs] = (y * width) + x;
                _parent[runs] = runs;
                _size[runs] = x - s;
                runs++;
            }

            if (y > 0)
            {
                JoinRows(previousFirst, first, runs, width);
            }

            previousFirst = first;
        }

        int filled = 0;
        for (int i = 0; i < runs; i++)
        {
            if (_size[Root(i)] <= maxArea)
            {
                logits[_start[i].._end[i]].Fill(0.1f);
                filled += _end[i] - _start[i];
            }
        }

        return filled;
    }

    /// <summary>Unites the runs of two neighbouring rows that touch (8-connected: overlapping or diagonal).</summary>
    private void JoinRows(int above, int first, int end, int width)
    {
        int i = above;
        int j = first;
        while (i < first && j < end)
        {
            // Positions relative to each row's start: a run [s, e) touches [s', e') of the next row iff s ≤ e' and s' ≤ e.
            int s0 = _start[i] % width;
            int e0 = s0 + (_end[i] - _start[i]);
            int s1 = _start[j] % width;
            int e1 = s1 + (_end[j] - _start[j]);
            if (s0 <= e1 && s1 <= e0)
            {
                Union(i, j);
            }

            if (e0 < e1)
            {
                i++;
            }
            else
            {
                j++;
            }
        }
    }

    private int Root(int run)
    {
        while (_parent[run] != run)
        {
            _parent[run] = _parent[_parent[run]];
            run = _parent[run];
        }

        return run;
    }

    private void Union(int a, int b)
    {
        int ra = Root(a);
        int rb = Root(b);
        if (ra == rb)
        {
            return;
        }

        if (_size[ra] < _size[rb])
        {
            (ra, rb) = (rb, ra);
        }

        _parent[rb] = ra;
        _size[ra] += _size[rb];
    }

    /// <summary>The first x ≥ <paramref name="x"/> with a logit ≤ 0, or the row's length.</summary>
    private static int NextBackground(ReadOnlySpan<float> row, int x)
    {
        while (x < row.Length && !(row[x] <= 0))
        {
            x++;
        }

        return x;
    }

    /// <summary>The first x ≥ <paramref name="x"/> whose logit is not ≤ 0 (foreground, or NaN as upstream's mask ≤ 0), or the row's length.</summary>
    private static int NextForeground(ReadOnlySpan<float> row, int x)
    {
        while (x < row.Length && row[x] <= 0)
        {
            x++;
        }

        return x;
    }
}
