using Vrs.Grounding.Rollout;

namespace Vrs.Pipeline.Method;

/// <summary>
/// Chooses the sampled frames whose map is most concentrated: concentration = peak · (peak − mean), high when the
/// map has a strong peak standing out of a quiet frame, low for a flat or a weak frame (a frame without the target).
/// </summary>
public static class KeyframeSelector
{
    public static float Concentration(ReadOnlySpan<float> frame)
    {
        if (frame.IsEmpty)
        {
            return 0f;
        }

        float peak = float.NegativeInfinity;
        double sum = 0;
        foreach (float value in frame)
        {
            peak = Math.Max(peak, value);
            sum += value;
        }

        float mean = (float)(sum / frame.Length);
        return Math.Max(peak, 0f) * (peak - mean);
    }

    /// <summary>Up to <paramref name="count"/> map slices (indices into the map's frames), most concentrated first; ties keep time order.</summary>
    public static int[] Select(TokenMap map, int count)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var scores = new float[map.Frames];
        for (int t = 0; t < map.Frames; t++)
        {
            scores[t] = Concentration(map.Frame(t));
        }

        return [.. Enumerable.Range(0, map.Frames).OrderByDescending(t => scores[t]).ThenBy(t => t).Take(count)];
    }
}
