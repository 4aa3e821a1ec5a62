namespace Vrs.Media;

/// <summary>
/// Source taps of a 1-D bilinear resize with pixel centres aligned (PyTorch's <c>align_corners=False</c>, edges
/// clamped), in float32 as <c>F.interpolate</c> computes them: for target index i, the two source indices and the
/// weight of the second.
/// </summary>
public static class BilinearTaps
{
    public static (int[] Low, int[] High, float[] Weight) Compute(int source, int target)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(source);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        var low = new int[target];
        var high = new int[target];
        var weight = new float[target];
        float scale = (float)source / target;
        for (int i = 0; i < target; i++)
        {
            float s = Math.Max(((i + 0.5f) * scale) - 0.5f, 0f);
            int l = Math.Min((int)s, source - 1);
            low[i] = l;
            high[i] = Math.Min(l + 1, source - 1);
            weight[i] = s - l;
        }

        return (low, high, weight);
    }
}
