namespace Vrs.Pipeline.Method;

/// <summary>
/// Areas and overlaps of masks held as COCO RLE counts (column-major runs, zeros first), computed on the runs without
/// decoding: a tracklet keeps one such mask per frame, and suppression compares tracklets over every frame.
/// </summary>
public static class RleMasks
{
    public static long Area(ReadOnlySpan<uint> counts)
    {
        long area = 0;
        for (int i = 1; i < counts.Length; i += 2)
        {
            area += counts[i];
        }

        return area;
    }

    /// <summary>Pixels on in both masks (same size; runs walked side by side).</summary>
    public static long Intersection(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        long both = 0;
        int i = 0;
        int j = 0;
        long leftA = a.Length > 0 ? a[0] : long.MaxValue;
        long leftB = b.Length > 0 ? b[0] : long.MaxValue;
        while (i < a.Length && j < b.Length)
        {
            long step = Math.Min(leftA, leftB);
            if ((i & 1) == 1 && (j & 1) == 1)
            {
                both += step;
            }

            leftA -= step;
            leftB -= step;
            while (leftA == 0 && ++i < a.Length)
            {
                leftA = a[i];
            }

            while (leftB == 0 && ++j < b.Length)
            {
                leftB = b[j];
            }
        }

        return both;
    }

    /// <summary>IoU of two masks; two empty masks count as 0 (nothing to call the same object).</summary>
    public static float Iou(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        long both = Intersection(a, b);
        long union = Area(a) + Area(b) - both;
        return union == 0 ? 0f : (float)((double)both / union);
    }

    /// <summary>IoU of two tracklets over the whole video: all frames' intersections over all frames' unions.</summary>
    public static float VideoIou(IReadOnlyList<uint[]?> a, IReadOnlyList<uint[]?> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        long both = 0;
        long union = 0;
        for (int f = 0; f < Math.Min(a.Count, b.Count); f++)
        {
            long areaA = a[f] is { } ma ? Area(ma) : 0;
            long areaB = b[f] is { } mb ? Area(mb) : 0;
            long i = a[f] is { } x && b[f] is { } y ? Intersection(x, y) : 0;
            both += i;
            union += areaA + areaB - i;
        }

        return union == 0 ? 0f : (float)((double)both / union);
    }
}
