namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// Boundary F with the semantics of DAVIS <c>f_measure</c>: precision counts the prediction's (undilated)
/// boundary pixels that fall inside the dilated ground-truth boundary, recall the converse, and the empty cases
/// follow the official table (no boundary on either side: P = R = 1; on one side only: that side's score 0).
/// </summary>
public static class BoundaryFMeasure
{
    /// <summary>F from boundary pixel counts.</summary>
    /// <param name="predictionBoundary">|B_pred| (n_fg).</param>
    /// <param name="groundTruthBoundary">|B_gt| (n_gt).</param>
    /// <param name="predictionMatched">|B_pred ∧ dilate(B_gt)|.</param>
    /// <param name="groundTruthMatched">|B_gt ∧ dilate(B_pred)|.</param>
    public static double FromCounts(long predictionBoundary, long groundTruthBoundary, long predictionMatched, long groundTruthMatched)
    {
        double precision;
        double recall;
        if (predictionBoundary == 0 && groundTruthBoundary > 0)
        {
            precision = 1;
            recall = 0;
        }
        else if (predictionBoundary > 0 && groundTruthBoundary == 0)
        {
            precision = 0;
            recall = 1;
        }
        else if (predictionBoundary == 0 && groundTruthBoundary == 0)
        {
            precision = 1;
            recall = 1;
        }
        else
        {
            precision = predictionMatched / (double)predictionBoundary;
            recall = groundTruthMatched / (double)groundTruthBoundary;
        }

        return FromPrecisionRecall(precision, recall);
    }

    /// <summary><c>2PR / (P + R)</c> evaluated in the official order, 0 when P + R = 0.</summary>
    public static double FromPrecisionRecall(double precision, double recall)
    {
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
