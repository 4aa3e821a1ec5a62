using Vrs.Segmentation;

namespace Vrs.Pipeline.Method;

/// <summary>
/// A mask's box and its most interior pixel (farthest from the background by a 3-4 chamfer distance): the prompt an
/// anchor frame gets from the tracklet's own mask. The interior point stays inside non-convex or partly occluded
/// shapes, where the box centre may not.
/// </summary>
public static class MaskGeometry
{
    /// <returns>Null when the mask is empty.</returns>
    public static (BoxPrompt Box, PointPrompt Inside)? Describe(ReadOnlySpan<byte> mask, int width, int height)
    {
        int x1 = width;
        int y1 = height;
        int x2 = -1;
        int y2 = -1;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = mask.Slice(y * width, width);
            int first = row.IndexOfAnyExcept((byte)0);
            if (first < 0)
            {
                continue;
            }

            int last = row.LastIndexOfAnyExcept((byte)0);
            x1 = Math.Min(x1, first);
            x2 = Math.Max(x2, last);
            y1 = Math.Min(y1, y);
            y2 = y;
        }

        if (x2 < 0)
        {
            return null;
        }

        // Chamfer distance inside the box grown by one pixel, so the box edge counts as background.
        int w = x2 - x1 + 3;
        int h = y2 - y1 + 3;
        var distance = new int[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int sx = x + x1 - 1;
                int sy = y + y1 - 1;
                bool inside = sx >= 0 && sy >= 0 && sx < width && sy < height && mask[(sy * width) + sx] != 0;
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

        float px = (best % w) + x1 - 1 + 0.5f;
        float py = (best / w) + y1 - 1 + 0.5f;
        return (new BoxPrompt(x1, y1, x2 + 1, y2 + 1), new PointPrompt(px, py));
    }
}
