namespace Vrs.Benchmarks.Aggregation;

/// <summary>
/// <c>round(x, n)</c> on a numpy float64, which is what VISA's eval_revos.py applies to every per-expression
/// percentage: scale by 10^n, round half to even (<c>rint</c>), divide by 10^n — all in float64. It differs from
/// Python's correctly-rounded <c>round</c> on ties such as 12.345 (numpy: 12.34), so it is reproduced step by step.
/// </summary>
public static class NumpyRounding
{
    public static double Round(double value, int decimals)
    {
        double scale = Math.Pow(10, decimals);
        return Math.Round(value * scale, MidpointRounding.ToEven) / scale;
    }
}
