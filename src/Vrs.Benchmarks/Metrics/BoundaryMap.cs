namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// One-pixel boundary map with the semantics of DAVIS <c>_seg2bmap</c> (Berkeley, D. Martin): a pixel is on
/// the boundary when it differs from its east, south or south-east neighbour; the last row compares with the
/// east neighbour only, the last column with the south neighbour only, and the bottom-right pixel is never a
/// boundary. The image border therefore never forms an edge.
/// </summary>
public static class BoundaryMap
{
    /// <summary>Writes 1 for boundary pixels and 0 elsewhere into <paramref name="boundary"/> (row-major, width×height).</summary>
    public static void Compute(ReadOnlySpan<byte> mask, int width, int height, Span<byte> boundary)
    {
        MaskChecks.Frame(mask, width, height, nameof(mask));
        if (boundary.Length != mask.Length)
        {
            throw new ArgumentException($"boundary buffer has {boundary.Length} pixels, expected {mask.Length}", nameof(boundary));
        }

        for (int y = 0; y < height; y++)
        {
            bool hasNext = y + 1 < height;
            int row = y * width;
            for (int x = 0; x < width; x++)
            {
                bool m = mask[row + x] != 0;
                bool edge;
                if (x + 1 == width)
                {
                    edge = hasNext && m != (mask[row + width + x] != 0);
                }
                else if (!hasNext)
                {
                    edge = m != (mask[row + x + 1] != 0);
                }
                else
                {
                    edge = m != (mask[row + x + 1] != 0)
                        || m != (mask[row + width + x] != 0)
                        || m != (mask[row + width + x + 1] != 0);
                }

                boundary[row + x] = edge ? (byte)1 : (byte)0;
            }
        }
    }
}
