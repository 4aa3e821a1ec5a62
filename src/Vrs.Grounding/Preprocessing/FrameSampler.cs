namespace Vrs.Grounding.Preprocessing;

/// <summary>
/// Uniform frame sampling as DecAF (<c>evaluation/inference_attn_mask.py</c>): every frame when the video has at most
/// <c>count</c> frames, else <c>np.linspace(0, n − 1, count).astype(int)</c>, i.e. index_i = trunc(i·(n − 1)/(count − 1))
/// with the last index exactly n − 1.
/// </summary>
public static class FrameSampler
{
    public static int[] Uniform(int frameCount, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (frameCount <= count)
        {
            return Enumerable.Range(0, frameCount).ToArray();
        }

        int[] indices = new int[count];
        if (count == 1)
        {
            return indices;
        }

        // numpy: step = (stop − start)/(num − 1); y = arange(num)·step + start; y[−1] = stop.
        double step = (double)(frameCount - 1) / (count - 1);
        for (int i = 0; i < count - 1; i++)
        {
            indices[i] = (int)(i * step);
        }

        indices[count - 1] = frameCount - 1;
        return indices;
    }
}
