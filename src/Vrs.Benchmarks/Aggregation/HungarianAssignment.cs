namespace Vrs.Benchmarks.Aggregation;

/// <summary>
/// Maximum-weight assignment of columns to distinct rows (rows ≥ columns), as
/// <c>scipy.optimize.linear_sum_assignment(-weights)</c> is used by the DAVIS toolkit to match predicted labels to
/// ground-truth objects. O(n³) shortest augmenting paths over a square cost matrix padded with zeros.
/// </summary>
public static class HungarianAssignment
{
    /// <summary>The matched (row, column) pairs, sorted by row, one per column.</summary>
    public static IReadOnlyList<(int Row, int Column)> Maximize(double[,] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int rows = weights.GetLength(0);
        int columns = weights.GetLength(1);
        if (columns > rows)
        {
            throw new ArgumentException($"needs at least as many rows as columns, got {rows}×{columns}", nameof(weights));
        }

        int n = rows;
        double max = 0;
        foreach (double w in weights)
        {
            max = Math.Max(max, w);
        }

        // Minimise cost = max − weight over an n×n matrix; padded columns cost 0 for every row.
        var cost = new double[n + 1, n + 1];
        for (int i = 1; i <= n; i++)
        {
            for (int j = 1; j <= n; j++)
            {
                cost[i, j] = j <= columns ? max - weights[i - 1, j - 1] : 0;
            }
        }

        var u = new double[n + 1];
        var v = new double[n + 1];
        var rowOfColumn = new int[n + 1];   // 1-based row matched to column j, 0 = none
        var way = new int[n + 1];
        for (int i = 1; i <= n; i++)
        {
            rowOfColumn[0] = i;
            int j0 = 0;
            var minValue = new double[n + 1];
            var used = new bool[n + 1];
            Array.Fill(minValue, double.PositiveInfinity);
            do
            {
                used[j0] = true;
                int i0 = rowOfColumn[j0];
                double delta = double.PositiveInfinity;
                int j1 = 0;
                for (int j = 1; j <= n; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    double current = cost[i0, j] - u[i0] - v[j];
                    if (current < minValue[j])
                    {
                        minValue[j] = current;
                        way[j] = j0;
                    }

                    if (minValue[j] < delta)
                    {
                        delta = minValue[j];
                        j1 = j;
                    }
                }

                for (int j = 0; j <= n; j++)
                {
                    if (used[j])
                    {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minValue[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (rowOfColumn[j0] != 0);

            do
            {
                int j1 = way[j0];
                rowOfColumn[j0] = rowOfColumn[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var pairs = new List<(int Row, int Column)>(columns);
        for (int j = 1; j <= columns; j++)
        {
            pairs.Add((rowOfColumn[j] - 1, j - 1));
        }

        pairs.Sort((a, b) => a.Row.CompareTo(b.Row));
        return pairs;
    }
}
