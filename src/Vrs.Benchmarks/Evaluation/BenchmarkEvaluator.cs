namespace Vrs.Benchmarks.Evaluation;

/// <summary>
/// Runs a protocol over all its expressions on several threads. Each worker owns one <see cref="FrameWorkspace"/>
/// (frame-sized buffers reused for every frame), so memory depends on frame size and thread count, not on the
/// size of the benchmark.
/// </summary>
public static class BenchmarkEvaluator
{
    public static BenchmarkReport Run(BenchmarkProtocol protocol, int threads, IProgress<long>? framesDone, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var expressions = protocol.Expressions;
        var results = new ExpressionResult[expressions.Count];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, threads),
            CancellationToken = cancellation,
        };
        Parallel.For(
            0,
            expressions.Count,
            options,
            () => new FrameWorkspace(),
            (i, _, workspace) =>
            {
                results[i] = protocol.Evaluate(expressions[i], workspace, framesDone);
                return workspace;
            },
            _ => { });
        return protocol.Aggregate(results);
    }
}
