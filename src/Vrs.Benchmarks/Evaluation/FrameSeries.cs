using Vrs.Benchmarks.Metrics;

namespace Vrs.Benchmarks.Evaluation;

/// <summary>
/// The per-frame J, F, R, A of one expression. The official scripts average with numpy's <c>.mean()</c>
/// (pairwise summation), so the values are kept and reduced the same way instead of summed on the fly.
/// </summary>
public sealed class FrameSeries
{
    private readonly List<double> _j = [];
    private readonly List<double> _f = [];
    private readonly List<double> _r = [];
    private readonly List<double> _a = [];

    public int Count => _j.Count;

    public void Clear()
    {
        _j.Clear();
        _f.Clear();
        _r.Clear();
        _a.Clear();
    }

    public void Add(FrameScores scores)
    {
        _j.Add(scores.J);
        _f.Add(scores.F);
    }

    public void Add(RevosFrameScores scores)
    {
        _j.Add(scores.J);
        _f.Add(scores.F);
        _r.Add(scores.Robustness);
        _a.Add(scores.Accuracy);
    }

    public double MeanJ => Mean(_j);

    public double MeanF => Mean(_f);

    public double MeanR => Mean(_r);

    public double MeanA => Mean(_a);

    private static double Mean(List<double> values) =>
        values.Count == 0 ? double.NaN : NumpyReductions.Mean(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values));
}
