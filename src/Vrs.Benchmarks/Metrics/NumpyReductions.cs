namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// Float64 sums and means that round exactly like numpy's on a contiguous 1-D array, so sequence averages are
/// bit-identical to the official scripts' <c>.mean()</c> and <c>np.nanmean</c>: the reduction runs over
/// iterator buffers of 8192 elements added in order, each summed pairwise (numpy <c>pairwise_sum</c>: 8 partial
/// sums, blocks of 128).
/// </summary>
public static class NumpyReductions
{
    private const int BlockSize = 128;
    private const int BufferSize = 8192;

    /// <summary><c>np.sum(values)</c>.</summary>
    public static double Sum(ReadOnlySpan<double> values)
    {
        double sum = 0;
        for (int start = 0; start < values.Length; start += BufferSize)
        {
            sum += PairwiseSum(values.Slice(start, Math.Min(BufferSize, values.Length - start)));
        }

        return sum;
    }

    private static double PairwiseSum(ReadOnlySpan<double> values)
    {
        if (values.Length < 8)
        {
            double sum = 0;
            foreach (double v in values)
            {
                sum += v;
            }

            return sum;
        }

        if (values.Length <= BlockSize)
        {
            double r0 = values[0], r1 = values[1], r2 = values[2], r3 = values[3];
            double r4 = values[4], r5 = values[5], r6 = values[6], r7 = values[7];
            int i = 8;
            int unrolled = values.Length - (values.Length % 8);
            for (; i < unrolled; i += 8)
            {
                r0 += values[i];
                r1 += values[i + 1];
                r2 += values[i + 2];
                r3 += values[i + 3];
                r4 += values[i + 4];
                r5 += values[i + 5];
                r6 += values[i + 6];
                r7 += values[i + 7];
            }

            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < values.Length; i++)
            {
                res += values[i];
            }

            return res;
        }

        int half = values.Length / 2;
        half -= half % 8;
        return PairwiseSum(values[..half]) + PairwiseSum(values[half..]);
    }

    /// <summary><c>np.mean(values)</c>; NaN for an empty span.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        return values.IsEmpty ? double.NaN : Sum(values) / values.Length;
    }

    /// <summary><c>np.nanmean(values)</c>: NaNs count as 0 in the sum and are left out of the count; NaN if none remain.</summary>
    public static double NanMean(ReadOnlySpan<double> values)
    {
        double[] cleaned = new double[values.Length];
        int count = 0;
        for (int i = 0; i < values.Length; i++)
        {
            bool isNaN = double.IsNaN(values[i]);
            cleaned[i] = isNaN ? 0.0 : values[i];
            count += isNaN ? 0 : 1;
        }

        return count == 0 ? double.NaN : Sum(cleaned) / count;
    }
}
