namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// ReVOS robustness R with the semantics of VISA <c>get_r2vos_robustness</c>: per pixel <c>(1 − gt)·pred</c> in
/// uint8 arithmetic (wrapping), summed; <c>R = max(1 − neg / (pos + 1e-6), 0)</c> in float64 with pos the sum of
/// the foreground mask. With 0/255 predictions and 0/1 ground truth each false-positive pixel weighs 255.
/// </summary>
public static class RevosRobustness
{
    /// <param name="groundTruthSum">uint8 sum of the expression's object masks (2 where two objects overlap).</param>
    /// <param name="predictionRaw">the raw gray values of the prediction PNG.</param>
    /// <param name="foreground">the video's foreground mask as decoded (0/1); its values are summed.</param>
    public static double Compute(ReadOnlySpan<byte> groundTruthSum, ReadOnlySpan<byte> predictionRaw, ReadOnlySpan<byte> foreground)
    {
        MaskChecks.SameLength(groundTruthSum, predictionRaw, nameof(predictionRaw));
        MaskChecks.SameLength(groundTruthSum, foreground, nameof(foreground));
        ulong negative = 0;
        ulong positive = 0;
        for (int i = 0; i < groundTruthSum.Length; i++)
        {
            negative += NegativeTerm(groundTruthSum[i], predictionRaw[i]);
            positive += foreground[i];
        }

        return FromCounts(negative, positive);
    }

    /// <summary>R from the summed uint8 negative terms and the foreground sum.</summary>
    public static double FromCounts(ulong negative, ulong positive)
    {
        return Math.Max(1 - (negative / (positive + 1e-6)), 0.0);
    }

    /// <summary>One pixel's <c>(1 − gt)·pred</c> in uint8 arithmetic.</summary>
    public static byte NegativeTerm(byte groundTruthSum, byte predictionRaw)
    {
        return unchecked((byte)((byte)(1 - groundTruthSum) * predictionRaw));
    }
}
