namespace Vrs.Benchmarks.Metrics;

/// <summary>Region similarity J and boundary F of one frame.</summary>
public readonly record struct FrameScores(double J, double F);
