namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// Region similarity J with the semantics of DAVIS <c>db_eval_iou</c>: masks are cast to bool (non-zero is
/// foreground), void pixels leave both the intersection and the union, and an empty union scores 1.
/// </summary>
public static class Jaccard
{
    /// <summary>J of one frame; both masks are row-major and of equal length.</summary>
    public static double Compute(ReadOnlySpan<byte> groundTruth, ReadOnlySpan<byte> prediction)
    {
        return Compute(groundTruth, prediction, ReadOnlySpan<byte>.Empty);
    }

    /// <summary>J of one frame, ignoring the pixels where <paramref name="voidMask"/> is non-zero (empty span: no void).</summary>
    public static double Compute(ReadOnlySpan<byte> groundTruth, ReadOnlySpan<byte> prediction, ReadOnlySpan<byte> voidMask)
    {
        MaskChecks.SameLength(groundTruth, prediction, nameof(prediction));
        bool hasVoid = !voidMask.IsEmpty;
        if (hasVoid)
        {
            MaskChecks.SameLength(groundTruth, voidMask, nameof(voidMask));
        }

        long intersection = 0;
        long union = 0;
        for (int i = 0; i < groundTruth.Length; i++)
        {
            if (hasVoid && voidMask[i] != 0)
            {
                continue;
            }

            bool g = groundTruth[i] != 0;
            bool p = prediction[i] != 0;
            intersection += g && p ? 1 : 0;
            union += g || p ? 1 : 0;
        }

        return FromCounts(intersection, union);
    }

    /// <summary>J from pixel counts: <c>inters / union</c> in float64, or 1 when the union is 0.</summary>
    public static double FromCounts(long intersection, long union)
    {
        return union == 0 ? 1.0 : (double)intersection / union;
    }
}
