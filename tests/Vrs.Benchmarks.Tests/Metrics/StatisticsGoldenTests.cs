using System.Text.Json;
using Vrs.Benchmarks.Metrics;

namespace Vrs.Benchmarks.Tests.Metrics;

/// <summary>DAVIS <c>db_statistics</c> and numpy's mean, against golden values from the official code.</summary>
public sealed class StatisticsGoldenTests
{
    [Fact]
    public void Davis_statistics_equal_db_statistics()
    {
        JsonElement[] cases = GoldenVectors.Root.GetProperty("statistics").EnumerateArray().ToArray();
        Assert.NotEmpty(cases);
        foreach (JsonElement c in cases)
        {
            double[] values = Values(c.GetProperty("seed").GetUInt64(), c.GetProperty("count").GetInt32(), c.GetProperty("nanEvery").GetUInt64());
            DavisStatistics stats = DavisStatistics.Compute(values);
            string what = $"statistics n={values.Length} nanEvery={c.GetProperty("nanEvery").GetUInt64()}";
            GoldenVectors.Exact(GoldenVectors.Number(c, "mean"), stats.Mean, what + " mean");
            GoldenVectors.Exact(GoldenVectors.Number(c, "recall"), stats.Recall, what + " recall");
            GoldenVectors.Exact(GoldenVectors.Number(c, "decay"), stats.Decay, what + " decay");
        }
    }

    [Fact]
    public void Sum_and_mean_round_like_numpy_pairwise_summation()
    {
        JsonElement[] cases = GoldenVectors.Root.GetProperty("means").EnumerateArray().ToArray();
        Assert.NotEmpty(cases);
        foreach (JsonElement c in cases)
        {
            ulong seed = c.GetProperty("seed").GetUInt64();
            int count = c.GetProperty("count").GetInt32();
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                double unit = (GoldenMasks.Hash(seed, (ulong)i) % 1000001) / 1000000.0;
                values[i] = Math.ScaleB(unit, (int)(GoldenMasks.Hash(seed + 1, (ulong)i) % 20) - 10);
            }

            GoldenVectors.Exact(GoldenVectors.Number(c, "sum"), NumpyReductions.Sum(values), $"sum n={count}");
            GoldenVectors.Exact(GoldenVectors.Number(c, "mean"), NumpyReductions.Mean(values), $"mean n={count}");
        }
    }

    [Fact]
    public void Decay_bins_follow_the_rounded_linspace()
    {
        Span<int> ids = stackalloc int[5];
        DavisStatistics.BinIds(10, ids);
        Assert.Equal(new[] { 0, 2, 5, 7, 9 }, ids.ToArray());
        DavisStatistics.BinIds(1, ids);
        Assert.Equal(new[] { 0, 0, 0, 0, 0 }, ids.ToArray());
    }

    [Fact]
    public void Recall_counts_nan_frames_as_misses()
    {
        DavisStatistics stats = DavisStatistics.Compute([0.9, double.NaN, 0.2, 0.7]);
        Assert.Equal(0.5, stats.Recall);
        Assert.Equal((0.9 + 0.2 + 0.7) / 3, stats.Mean, 15);
    }

    // values[i] = (hash(seed, i) % 1000001) / 1e6, NaN where hash(seed + 1, i) % nanEvery == 0.
    private static double[] Values(ulong seed, int count, ulong nanEvery)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (GoldenMasks.Hash(seed, (ulong)i) % 1000001) / 1000000.0;
            if (nanEvery != 0 && GoldenMasks.Hash(seed + 1, (ulong)i) % nanEvery == 0)
            {
                values[i] = double.NaN;
            }
        }

        return values;
    }
}
