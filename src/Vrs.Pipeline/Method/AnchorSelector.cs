namespace Vrs.Pipeline.Method;

/// <summary>
/// VIRST's temporal anchors at inference time: the chosen tracklet's best sampled frames become extra prompted
/// (conditioning) frames. The sampled frames are cut into K equal runs in time and each run gives the frame where the
/// tracklet agrees best with the map (the object is present there); runs where it is absent give nothing, and their
/// places go to the next-best present frames elsewhere. Returned in time order.
/// </summary>
public static class AnchorSelector
{
    /// <param name="agreement">Per sampled frame: how well the tracklet agrees with the map there (e.g. its Pearson correlation).</param>
    /// <param name="present">Per sampled frame: whether the tracklet has a mask there.</param>
    /// <returns>Indices into the sampled frames.</returns>
    public static int[] Select(IReadOnlyList<float> agreement, IReadOnlyList<bool> present, int count)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(present);
        if (agreement.Count != present.Count)
        {
            throw new ArgumentException($"{agreement.Count} agreements for {present.Count} frames", nameof(present));
        }

        int n = agreement.Count;
        if (count <= 0 || n == 0)
        {
            return [];
        }

        var chosen = new SortedSet<int>();
        for (int run = 0; run < count; run++)
        {
            int from = run * n / count;
            int to = (run + 1) * n / count;
            int best = -1;
            for (int i = from; i < to; i++)
            {
                if (present[i] && (best < 0 || agreement[i] > agreement[best]))
                {
                    best = i;
                }
            }

            if (best >= 0)
            {
                chosen.Add(best);
            }
        }

        foreach (int i in Enumerable.Range(0, n).Where(i => present[i]).OrderByDescending(i => agreement[i]).ThenBy(i => i))
        {
            if (chosen.Count >= count)
            {
                break;
            }

            chosen.Add(i);
        }

        return [.. chosen];
    }
}
