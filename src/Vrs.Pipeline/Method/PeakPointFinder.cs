using Vrs.Grounding.Rollout;

namespace Vrs.Pipeline.Method;

/// <summary>
/// Map peaks → point queries. DecAF turns every cell at or above τ_pq into its own point; neighbouring cells of one
/// blob then only give duplicate masks that suppression removes again. Here the cells at or above τ_pq are grouped
/// into 8-connected blobs and each blob gives one point at its strongest cell, strongest blobs first.
/// </summary>
public static class PeakPointFinder
{
    public static IReadOnlyList<PeakPoint> Find(TokenMap map, int slice, float threshold, int maxPoints, int videoWidth, int videoHeight)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPoints);
        ReadOnlySpan<float> values = map.Frame(slice);
        int w = map.Width;
        int h = map.Height;
        var label = new int[values.Length];
        var peaks = new List<PeakPoint>();
        var stack = new Stack<int>();
        for (int start = 0; start < values.Length; start++)
        {
            if (label[start] != 0 || !(values[start] >= threshold))
            {
                continue;
            }

            int best = start;
            label[start] = peaks.Count + 1;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int cell = stack.Pop();
                if (values[cell] > values[best])
                {
                    best = cell;
                }

                int cx = cell % w;
                int cy = cell / w;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int x = cx + dx;
                        int y = cy + dy;
                        if (x < 0 || y < 0 || x >= w || y >= h)
                        {
                            continue;
                        }

                        int next = (y * w) + x;
                        if (label[next] == 0 && values[next] >= threshold)
                        {
                            label[next] = peaks.Count + 1;
                            stack.Push(next);
                        }
                    }
                }
            }

            int bx = best % w;
            int by = best / w;
            peaks.Add(new PeakPoint(slice, bx, by, (bx + 0.5) / w * videoWidth, (by + 0.5) / h * videoHeight, values[best]));
        }

        return [.. peaks.OrderByDescending(p => p.Value).ThenBy(p => p.CellY).ThenBy(p => p.CellX).Take(maxPoints)];
    }
}
