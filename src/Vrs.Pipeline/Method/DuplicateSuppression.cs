namespace Vrs.Pipeline.Method;

/// <summary>
/// DecAF's greedy mask-IoU suppression: candidates in order of score; one is kept unless its mask overlaps an already
/// kept one by more than the threshold.
/// </summary>
public static class DuplicateSuppression
{
    /// <returns>For each candidate, the index of the kept candidate that suppressed it, or -1 when it is kept.</returns>
    public static int[] Greedy(IReadOnlyList<float> scores, Func<int, int, float> iou, float threshold)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(iou);
        int[] order = [.. Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i)];
        var suppressedBy = new int[scores.Count];
        Array.Fill(suppressedBy, -1);
        var kept = new List<int>();
        foreach (int candidate in order)
        {
            foreach (int k in kept)
            {
                if (iou(candidate, k) > threshold)
                {
                    suppressedBy[candidate] = k;
                    break;
                }
            }

            if (suppressedBy[candidate] < 0)
            {
                kept.Add(candidate);
            }
        }

        return suppressedBy;
    }
}
