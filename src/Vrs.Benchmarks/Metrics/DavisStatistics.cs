namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// DAVIS <c>db_statistics</c> of one object's per-frame J or F: Mean, Recall (fraction of frames above 0.5) and
/// Decay (mean of the first quarter minus mean of the last quarter).
/// </summary>
public readonly record struct DavisStatistics(double Mean, double Recall, double Decay)
{
    private const int Bins = 4;

    public static DavisStatistics Compute(ReadOnlySpan<double> perFrame)
    {
        double mean = NumpyReductions.NanMean(perFrame);

        // nanmean of a bool array is a plain mean: NaN > 0.5 is false and stays in the count.
        long above = 0;
        foreach (double v in perFrame)
        {
            above += v > 0.5 ? 1 : 0;
        }

        double recall = perFrame.IsEmpty ? double.NaN : (double)above / perFrame.Length;

        Span<int> ids = stackalloc int[Bins + 1];
        BinIds(perFrame.Length, ids);
        double first = NumpyReductions.NanMean(Slice(perFrame, ids[0], ids[1] + 1));
        double last = NumpyReductions.NanMean(Slice(perFrame, ids[Bins - 1], ids[Bins] + 1));
        return new DavisStatistics(mean, recall, first - last);
    }

    /// <summary>
    /// <c>(round(linspace(1, n, 5) + 1e-10) − 1).astype(uint8)</c>; the uint8 cast wraps, so only n ≤ 256 is
    /// meaningful, as in the official code.
    /// </summary>
    internal static void BinIds(int count, Span<int> ids)
    {
        double start = 1;
        double stop = count;
        double step = (stop - start) / Bins;
        for (int i = 0; i <= Bins; i++)
        {
            double y = step == 0 ? (i / (double)Bins * (stop - start)) + start : (i * step) + start;
            if (i == Bins)
            {
                y = stop;
            }

            double id = Math.Round(y + 1e-10, MidpointRounding.ToEven) - 1;
            ids[i] = unchecked((byte)(long)id);
        }
    }

    // Python slicing: clamp to the array, empty when stop <= start.
    private static ReadOnlySpan<double> Slice(ReadOnlySpan<double> values, int start, int stop)
    {
        start = Math.Min(start, values.Length);
        stop = Math.Min(stop, values.Length);
        return stop <= start ? ReadOnlySpan<double>.Empty : values[start..stop];
    }
}
