namespace Vrs.Benchmarks.Metrics;

/// <summary>J, F, ReVOS robustness R and ReVOS accuracy A of one frame.</summary>
public readonly record struct RevosFrameScores(double J, double F, double Robustness, double Accuracy);
