namespace Vrs.Benchmarks.Metrics;

/// <summary>Region similarity J and boundary F of one frame.</summary>
public readonly record struct FrameScores(double J, double F);

/// <summary>J, F, ReVOS robustness R and ReVOS accuracy A of one frame.</summary>
public readonly record struct RevosFrameScores(double J, double F, double Robustness, double Accuracy);
