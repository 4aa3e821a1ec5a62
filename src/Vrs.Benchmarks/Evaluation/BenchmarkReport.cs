namespace Vrs.Benchmarks.Evaluation;

/// <summary>The scores of one subset of a benchmark (ReVOS: referring, reasoning, overall), in percent.</summary>
public sealed record SubsetScore(string Name, double J, double F, double JF, double? R, double? A, int Expressions);

/// <summary>
/// The per-expression line of a report, in percent, exactly as the protocol feeds it into the averages
/// (ReVOS: already rounded to two decimals).
/// </summary>
public sealed record ExpressionLine(
    string Video,
    string ExpId,
    string Text,
    int TypeId,
    double J,
    double F,
    double JF,
    double? R,
    double? A,
    PredictionStatus Status,
    string? Note);

/// <summary>A whole evaluation: what was scored, the aggregates, and per-expression lines.</summary>
public sealed record BenchmarkReport(
    string Benchmark,
    string Split,
    IReadOnlyList<SubsetScore> Subsets,
    IReadOnlyList<ExpressionLine> Expressions,
    long FramesScored)
{
    public SubsetScore Overall => Subsets.First(s => s.Name == "overall");
}
