namespace Vrs.Benchmarks;

/// <summary>The benchmarks <c>vrs eval</c> knows the official protocols of.</summary>
public enum BenchmarkKind
{
    Revos,
    Mevis,
    ReasonVos,
    RefDavis,
}
