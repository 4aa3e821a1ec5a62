using Vrs.Benchmarks.Evaluation;
using Vrs.Benchmarks.Metrics;

namespace Vrs.Benchmarks.Aggregation;

/// <summary>
/// The aggregation MeViS, ReasonVOS and VISA's Ref-DAVIS script share: J and F are plain means over the scored
/// expressions (skipped ones left out), J&amp;F = (J + F) / 2; reported in percent.
/// </summary>
public static class MeanOverExpressions
{
    public static BenchmarkReport Report(string benchmark, string split, IReadOnlyList<ExpressionResult> results)
    {
        var counted = results.Where(r => r.Status != PredictionStatus.Skipped).ToList();
        double j = counted.Count == 0 ? double.NaN : NumpyReductions.Mean(counted.Select(r => r.J).ToArray());
        double f = counted.Count == 0 ? double.NaN : NumpyReductions.Mean(counted.Select(r => r.F).ToArray());
        var overall = new SubsetScore("overall", 100 * j, 100 * f, 100 * (j + f) / 2, null, null, counted.Count);
        var lines = results.Select(r => new ExpressionLine(
            r.Spec.VideoKey, r.Spec.ExpId, r.Spec.Text, r.Spec.TypeId, 100 * r.J, 100 * r.F, 100 * (r.J + r.F) / 2, null, null, r.Status, r.Note)).ToList();
        return new BenchmarkReport(benchmark, split, [overall], lines, results.Sum(r => (long)r.FramesScored));
    }
}
