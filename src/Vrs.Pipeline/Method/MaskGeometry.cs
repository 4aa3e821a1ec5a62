using Vrs.Segmentation;

namespace Vrs.Pipeline.Method;

/// <summary>
/// The prompt an anchor frame gets from the tracklet's own mask there. One piece: its box and its most interior pixel
/// (farthest from the background by a 3-4 chamfer distance; it stays inside non-convex or partly occluded shapes,
/// where the box centre may not). Several pieces (an object split by an occluder, or several targets): one interior
/// click per piece of at least a tenth of the largest, and no box, which would span the background between them.
/// </summary>
public static class MaskGeometry
{
    /// <summary>Pieces smaller than this share of the largest are specks, not parts worth a click.</summary>
    private const double MinPieceShare = 0.1;

    /// <returns>Null when the mask is empty.</returns>
    public static (BoxPrompt? Box, IReadOnlyList<PointPrompt> Inside)? Describe(ReadOnlySpan<byte> mask, int width, int height)
    {
        if (mask.Length != width * height)
        {
            throw new ArgumentException($"a {width}×{height} mask has {width * height} bytes, not {mask.Length}", nameof(mask));
        }

        (int[] labels, List<Piece> pieces) = Label(mask, width, height);
        if (pieces.Count == 0)
        {
            return null;
        }

        long largest = pieces.Max(p => p.Area);
        Piece[] kept = [.. pieces.Where(p => p.Area >= MinPieceShare * largest).OrderByDescending(p => p.Area)];
        PointPrompt[] points = [.. kept.Select(p => MostInterior(labels, p, width, height))];
        if (kept.Length > 1)
        {
            return (null, points);
        }

        Piece only = kept[0];
        return (new BoxPrompt(only.X1, only.Y1, only.X2 + 1, only.Y2 + 1), points);
    }

    /// <summary>8-connected pieces of the mask; labels[i] is a pixel's piece + 1, 0 for background.</summary>
    private static (int[] Labels, List<Piece> Pieces) Label(ReadOnlySpan<byte> mask, int width, int height)
    {
        var labels = new int[mask.Length];
        var pieces = new List<Piece>();
        var stack = new Stack<int>();
        for (int start = 0; start < mask.Length; start++)
        {
            if (mask[start] == 0 || labels[start] != 0)
            {
                continue;
            }

            int label = pieces.Count + 1;
            var piece = new Piece(label, start % width, start / width);
            labels[start] = label;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                int x = i % width;
                int y = i / width;
                piece.Add(x, y);
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx;
                        int ny = y + dy;
                        int n = (ny * width) + nx;
                        if (nx >= 0 && ny >= 0 && nx < width && ny < height && mask[n] != 0 && labels[n] == 0)
                        {
                            labels[n] = label;
                            stack.Push(n);
                        }
                    }
                }
            }

            pieces.Add(piece);
        }

        return (labels, pieces);
    }

    /// <summary>The piece's pixel farthest from everything else (chamfer 3-4 inside its box grown by one pixel).</summary>
    private static PointPrompt MostInterior(int[] labels, Piece piece, int width, int height)
    {
        int w = piece.X2 - piece.X1 + 3;
        int h = piece.Y2 - piece.Y1 + 3;
        var distance = new int[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int sx = x + piece.X1 - 1;
                int sy = y + piece.Y1 - 1;
                bool inside = sx >= 0 && sy >= 0 && sx < width && sy < height && labels[(sy * width) + sx] == piece.Label;
                distance[(y * w) + x] = inside ? int.MaxValue / 2 : 0;
            }
        }

        for (int y = 1; y < h - 1; y++)
        {
            for (int x = 1; x < w - 1; x++)
            {
                int i = (y * w) + x;
                distance[i] = Math.Min(distance[i], Math.Min(Math.Min(distance[i - 1] + 3, distance[i - w] + 3), Math.Min(distance[i - w - 1] + 4, distance[i - w + 1] + 4)));
            }
        }

        int best = -1;
        for (int y = h - 2; y >= 1; y--)
        {
            for (int x = w - 2; x >= 1; x--)
            {
                int i = (y * w) + x;
                distance[i] = Math.Min(distance[i], Math.Min(Math.Min(distance[i + 1] + 3, distance[i + w] + 3), Math.Min(distance[i + w + 1] + 4, distance[i + w - 1] + 4)));
                if (best < 0 || distance[i] >= distance[best])
                {
                    best = i;
                }
            }
        }

        return new PointPrompt((best % w) + piece.X1 - 1 + 0.5f, (best / w) + piece.Y1 - 1 + 0.5f);
    }

    private sealed class Piece(int label, int x, int y)
    {
        public int Label { get; } = label;

        public int X1 { get; private set; } = x;

        public int Y1 { get; private set; } = y;

        public int X2 { get; private set; } = x;

        public int Y2 { get; private set; } = y;

        public long Area { get; private set; }

        public void Add(int x, int y)
        {
            X1 = Math.Min(X1, x);
            Y1 = Math.Min(Y1, y);
            X2 = Math.Max(X2, x);
            Y2 = Math.Max(Y2, y);
            Area++;
        }
    }
}
