namespace Vrs.Segmentation;

/// <summary>Which decoder token gives the mask and which gives the object pointer.</summary>
public readonly record struct CandidateChoice(int MaskToken, int PointerToken, bool Multimask);

/// <summary>
/// The official rule for picking among the decoder's 1 + 3 mask tokens (§3.2 step 3): multimask iff the frame has
/// between multimask_min_pt_num and multimask_max_pt_num points (0 or 1: a first click, every tracked frame),
/// then the multimask token with the highest predicted IoU gives both mask and pointer; otherwise token 0, unless
/// its stability score is below the threshold (then the best multimask mask), with the pointer always from token 0.
/// </summary>
public static class MaskCandidateSelector
{
    public static CandidateChoice Choose(ReadOnlySpan<float> singleMaskLogits, ReadOnlySpan<float> iou, int pointCount, Sam2Settings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (iou.Length < 4)
        {
            throw new ArgumentException("the decoder gives 4 IoU predictions.", nameof(iou));
        }

        int best = BestMultimask(iou);
        bool multimask = pointCount >= settings.MultimaskMinPoints && pointCount <= settings.MultimaskMaxPoints;
        if (multimask)
        {
            return new CandidateChoice(best, best, true);
        }

        float stability = StabilityScore(singleMaskLogits, settings.StabilityDelta);
        return new CandidateChoice(stability >= settings.StabilityThreshold ? 0 : best, 0, false);
    }

    /// <summary>1 + argmax of iou[1..3] (first on ties, as torch.argmax).</summary>
    public static int BestMultimask(ReadOnlySpan<float> iou)
    {
        int best = 1;
        for (int i = 2; i < 4; i++)
        {
            if (iou[i] > iou[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>#(logit &gt; delta) / #(logit &gt; −delta); 1 when the denominator is 0.</summary>
    public static float StabilityScore(ReadOnlySpan<float> logits, float delta)
    {
        int intersection = 0;
        int union = 0;
        foreach (float v in logits)
        {
            if (v > delta)
            {
                intersection++;
            }

            if (v > -delta)
            {
                union++;
            }
        }

        return union == 0 ? 1f : (float)intersection / union;
    }
}
