namespace Vrs.Pipeline.Method;

/// <summary>Pearson correlation of two equally long series.</summary>
public static class Correlation
{
    /// <summary>ρ(a, b); 0 when either series is constant (no evidence either way).</summary>
    public static float Pearson(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"series of {a.Length} and {b.Length} values");
        }

        if (a.Length == 0)
        {
            return 0f;
        }

        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            meanA += a[i];
            meanB += b[i];
        }

        meanA /= a.Length;
        meanB /= b.Length;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double da = a[i] - meanA;
            double db = b[i] - meanB;
            cov += da * db;
            varA += da * da;
            varB += db * db;
        }

        return varA <= 0 || varB <= 0 ? 0f : (float)(cov / Math.Sqrt(varA * varB));
    }
}
