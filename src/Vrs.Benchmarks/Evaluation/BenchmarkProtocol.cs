using System.Collections.Concurrent;
using Vrs.Benchmarks.Datasets;

namespace Vrs.Benchmarks.Evaluation;

/// <summary>
/// One benchmark's official evaluation: which expressions and frames it scores, how one expression is scored
/// (ground truth, prediction files, missing-prediction rules) and how scores are aggregated.
/// </summary>
public abstract class BenchmarkProtocol : IDisposable
{
    private readonly ConcurrentQueue<string> _warnings = new();

    public abstract string Name { get; }

    public abstract string Split { get; }

    /// <summary>The expressions in the order the official script lists them.</summary>
    public abstract IReadOnlyList<ExpressionSpec> Expressions { get; }

    public long TotalFrames => Expressions.Sum(e => (long)e.Frames.Count);

    public IReadOnlyCollection<string> Warnings => _warnings;

    /// <summary>Scores one expression; <paramref name="framesDone"/> is advanced once per frame. Thread-safe.</summary>
    public abstract ExpressionResult Evaluate(ExpressionSpec expression, FrameWorkspace workspace, IProgress<long>? framesDone);

    /// <summary>The benchmark's aggregation of per-expression results into its reported subsets.</summary>
    public abstract BenchmarkReport Aggregate(IReadOnlyList<ExpressionResult> results);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected void Warn(string message) => _warnings.Enqueue(message);
}
