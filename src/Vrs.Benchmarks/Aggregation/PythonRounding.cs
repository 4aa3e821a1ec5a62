using System.Globalization;
using System.Numerics;

namespace Vrs.Benchmarks.Aggregation;

/// <summary>
/// Python's <c>round(x, n)</c> for floats: rounds the exact binary value of <paramref name="value"/> to n decimals,
/// ties to even, then returns the double nearest that decimal. ReVOS rounds every per-expression percentage this
/// way before averaging, so the last digit of an aggregate depends on doing it exactly.
/// </summary>
public static class PythonRounding
{
    public static double Round(double value, int digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value) || value == 0)
        {
            return value;
        }

        // value = mantissa * 2^exponent exactly; scaled = value * 10^digits as the fraction num/den.
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int rawExponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger mantissa = rawExponent == 0 ? fraction : fraction | (1L << 52);
        int exponent = (rawExponent == 0 ? 1 : rawExponent) - 1075;

        BigInteger numerator = mantissa * BigInteger.Pow(10, digits);
        BigInteger denominator = BigInteger.One;
        if (exponent >= 0)
        {
            numerator <<= exponent;
        }
        else
        {
            denominator <<= -exponent;
        }

        BigInteger quotient = BigInteger.DivRem(numerator, denominator, out BigInteger remainder);
        int comparison = (remainder * 2).CompareTo(denominator);
        if (comparison > 0 || (comparison == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        string text = quotient.ToString(CultureInfo.InvariantCulture) + "e-" + digits.ToString(CultureInfo.InvariantCulture);
        double rounded = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return negative ? -rounded : rounded;
    }
}
