namespace Vrs.Segmentation;

/// <summary>
/// SAM 2's <c>fill_holes_in_mask_scores</c>: background components (logit ≤ 0, 8-connected) of at most
/// <c>maxArea</c> pixels become foreground with logit +0.1. One instance reuses its buffers; not thread-safe.
/// </summary>
public sealed class HoleFiller
{
    private int[] _stack = [];
    private int[] _component = [];
    private bool[] _visited = [];

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

        if (_visited.Length < count)
        {
            _visited = new bool[count];
            _stack = new int[count];
        }

        if (_component.Length < maxArea + 1)
        {
            _component = new int[maxArea + 1];
        }

        Span<bool> visited = _visited.AsSpan(0, count);
        visited.Clear();
        int filled = 0;
        for (int start = 0; start < count; start++)
        {
            if (visited[start] || logits[start] > 0)
            {
                continue;
            }

            // Flood one background component; remember its first maxArea + 1 pixels.
            int top = 0;
            int size = 0;
            _stack[top++] = start;
            visited[start] = true;
            while (top > 0)
            {
                int p = _stack[--top];
                if (size <= maxArea)
                {
                    _component[size] = p;
                }

                size++;
                int y = p / width;
                int x = p - (y * width);
                for (int dy = -1; dy <= 1; dy++)
                {
                    int ny = y + dy;
                    if ((uint)ny >= (uint)height)
                    {
                        continue;
                    }

                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx;
                        if ((uint)nx >= (uint)width)
                        {
                            continue;
                        }

                        int q = (ny * width) + nx;
                        if (!visited[q] && logits[q] <= 0)
                        {
                            visited[q] = true;
                            _stack[top++] = q;
                        }
                    }
                }
            }

            if (size <= maxArea)
            {
                for (int i = 0; i < size; i++)
                {
                    logits[_component[i]] = 0.1f;
                }

                filled += size;
            }
        }

        return filled;
    }
}
