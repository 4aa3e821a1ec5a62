namespace Vrs.Benchmarks.Evaluation;

/// <summary>What to score: a benchmark's ground truth at <paramref name="Root"/> against predictions at <paramref name="PredictionRoot"/>.</summary>
/// <param name="Split">Null for the benchmark's default split.</param>
public sealed record EvaluationRequest(BenchmarkKind Benchmark, string Root, string? Split, string PredictionRoot);
