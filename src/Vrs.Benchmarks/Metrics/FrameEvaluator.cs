namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// The per-frame metrics of <c>vrs eval</c> in one pass: J (<c>db_eval_iou</c>), F (<c>db_eval_boundary</c>) and,
/// for ReVOS, R and A (VISA <c>get_r2vos_robustness</c> / <c>get_r2vos_accuracy</c>). Masks are row-major
/// width×height bytes; J and F treat non-zero as foreground, R and A use the raw values. The evaluator keeps its
/// scratch buffers between frames (no per-frame allocation once sizes are stable); use one per thread.
/// </summary>
public sealed class FrameEvaluator
{
    private readonly BoundaryBits _groundTruthBoundary = new();
    private readonly BoundaryBits _predictionBoundary = new();
    private readonly BoundaryMatcher _matcher = new();
    private readonly bool _useVectors;

    public FrameEvaluator()
        : this(useVectors: true)
    {
    }

    /// <summary>Tests use <paramref name="useVectors"/> = false to check the scalar path on wide frames too.</summary>
    internal FrameEvaluator(bool useVectors)
    {
        _useVectors = useVectors;
    }

    /// <summary>J and F of one frame.</summary>
    public FrameScores Evaluate(ReadOnlySpan<byte> groundTruth, ReadOnlySpan<byte> prediction, int width, int height)
    {
        return Evaluate(groundTruth, prediction, ReadOnlySpan<byte>.Empty, width, height);
    }

    /// <summary>J and F of one frame, with pixels where <paramref name="voidMask"/> is non-zero removed from both (DAVIS void).</summary>
    public FrameScores Evaluate(ReadOnlySpan<byte> groundTruth, ReadOnlySpan<byte> prediction, ReadOnlySpan<byte> voidMask, int width, int height)
    {
        MaskChecks.Frame(groundTruth, width, height, nameof(groundTruth));
        MaskChecks.Frame(prediction, width, height, nameof(prediction));
        if (!voidMask.IsEmpty)
        {
            MaskChecks.Frame(voidMask, width, height, nameof(voidMask));
        }

        FrameCounts counts = FrameScanner.Scan(
            groundTruth, prediction, voidMask, ReadOnlySpan<byte>.Empty, width, height, _groundTruthBoundary, _predictionBoundary, _useVectors);
        return new FrameScores(Jaccard.FromCounts(counts.Intersection, counts.Union), BoundaryF(width, height));
    }

    /// <summary>J, F, R and A of one ReVOS frame.</summary>
    /// <param name="groundTruthSum">uint8 sum of the expression's object masks.</param>
    /// <param name="predictionRaw">raw gray values of the prediction PNG.</param>
    /// <param name="foreground">the video's foreground mask (0/1) for this frame.</param>
    public RevosFrameScores EvaluateRevos(
        ReadOnlySpan<byte> groundTruthSum, ReadOnlySpan<byte> predictionRaw, ReadOnlySpan<byte> foreground, int width, int height)
    {
        MaskChecks.Frame(groundTruthSum, width, height, nameof(groundTruthSum));
        MaskChecks.Frame(predictionRaw, width, height, nameof(predictionRaw));
        MaskChecks.Frame(foreground, width, height, nameof(foreground));
        FrameCounts counts = FrameScanner.Scan(
            groundTruthSum, predictionRaw, ReadOnlySpan<byte>.Empty, foreground, width, height, _groundTruthBoundary, _predictionBoundary, _useVectors);
        return new RevosFrameScores(
            Jaccard.FromCounts(counts.Intersection, counts.Union),
            BoundaryF(width, height),
            RevosRobustness.FromCounts(counts.Negative, counts.Positive),
            RevosAccuracy.FromCounts(counts.Equal, (long)width * height));
    }

    /// <summary>
    /// J, F, R and A of one ReVOS frame when only the foreground mask's sum is known: R reads nothing else from
    /// it, and the sum of a 0/1 COCO RLE mask is its run lengths added up, so the mask need not be decoded.
    /// </summary>
    /// <param name="foregroundSum">Σ of the video's foreground mask for this frame (<c>pos</c> in R).</param>
    public RevosFrameScores EvaluateRevos(
        ReadOnlySpan<byte> groundTruthSum, ReadOnlySpan<byte> predictionRaw, ulong foregroundSum, int width, int height)
    {
        MaskChecks.Frame(groundTruthSum, width, height, nameof(groundTruthSum));
        MaskChecks.Frame(predictionRaw, width, height, nameof(predictionRaw));
        FrameCounts counts = FrameScanner.Scan(
            groundTruthSum, predictionRaw, ReadOnlySpan<byte>.Empty, ReadOnlySpan<byte>.Empty, width, height,
            _groundTruthBoundary, _predictionBoundary, _useVectors, revos: true);
        return new RevosFrameScores(
            Jaccard.FromCounts(counts.Intersection, counts.Union),
            BoundaryF(width, height),
            RevosRobustness.FromCounts(counts.Negative, foregroundSum),
            RevosAccuracy.FromCounts(counts.Equal, (long)width * height));
    }

    private double BoundaryF(int width, int height)
    {
        int radius = BoundaryTolerance.Radius(width, height);
        long predictionMatched = _matcher.CountMatched(_predictionBoundary, _groundTruthBoundary, radius);
        long groundTruthMatched = _matcher.CountMatched(_groundTruthBoundary, _predictionBoundary, radius);
        return BoundaryFMeasure.FromCounts(
            _predictionBoundary.Count, _groundTruthBoundary.Count, predictionMatched, groundTruthMatched);
    }
}
