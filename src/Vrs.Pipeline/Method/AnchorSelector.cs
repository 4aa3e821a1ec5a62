namespace Vrs.Pipeline.Method;

/// <summary>
/// VIRST's temporal anchors at inference time: the chosen tracklet's best sampled frames become extra prompted
/// (conditioning) frames. The sampled frames are cut into K equal runs in time and each run gives the frame where the
/// tracklet agrees best with the map among the frames where it is well seen; runs where it is not give nothing, and
/// their places go to the next-best well-seen frames elsewhere. Returned in time order. "Well seen": a mask of at least
/// half the tracklet's median area on the sampled frames where it has one — a sliver at the frame's edge as the object
/// leaves, or a corner peeking past an occluder, is a poor prompt to track the whole video from.
/// </summary>
public static class AnchorSelector
{
    /// <param name="agreement">Per sampled frame: how well the tracklet agrees with the map there (e.g. its Pearson correlation).</param>
    /// <param name="areas">Per sampled frame: the tracklet's mask area there (0: absent).</param>
    /// <returns>Indices into the sampled frames.</returns>
    public static int[] Select(IReadOnlyList<float> agreement, IReadOnlyList<long> areas, int count)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(areas);
        if (agreement.Count != areas.Count)
        {
            throw new ArgumentException($"{agreement.Count} agreements for {areas.Count} frames", nameof(areas));
        }

        long[] seen = [.. areas.Where(a => a > 0).Order()];
        double median = seen.Length == 0 ? 0 : seen.Length % 2 == 1 ? seen[seen.Length / 2] : (seen[(seen.Length / 2) - 1] + seen[seen.Length / 2]) / 2.0;
        bool[] present = [.. areas.Select(a => a > 0 && a >= median / 2)];

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
