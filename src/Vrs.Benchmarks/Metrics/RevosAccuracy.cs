namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// ReVOS accuracy A with the semantics of VISA <c>get_r2vos_accuracy</c>: the fraction of pixels whose raw values
/// are equal (<c>mean(gt == pred)</c>), so 0/255 predictions against 0/1 ground truth only count true negatives.
/// </summary>
public static class RevosAccuracy
{
    public static double Compute(ReadOnlySpan<byte> groundTruthSum, ReadOnlySpan<byte> predictionRaw)
    {
        MaskChecks.SameLength(groundTruthSum, predictionRaw, nameof(predictionRaw));
        long equal = 0;
        for (int i = 0; i < groundTruthSum.Length; i++)
        {
            equal += groundTruthSum[i] == predictionRaw[i] ? 1 : 0;
        }

        return FromCounts(equal, groundTruthSum.Length);
    }

    /// <summary>A from the number of equal pixels (numpy's mean of a bool array is this exact quotient).</summary>
    public static double FromCounts(long equal, long pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels, 1);
        return (double)equal / pixels;
    }
}
