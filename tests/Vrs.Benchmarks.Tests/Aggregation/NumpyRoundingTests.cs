using System.Globalization;
using Vrs.Benchmarks.Aggregation;

namespace Vrs.Benchmarks.Tests.Aggregation;

public class NumpyRoundingTests
{
    [Fact]
    public void Matches_numpy_round_of_percentages_on_401_golden_values()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "numpy_round2.txt");
        int count = 0;
        foreach (string line in File.ReadLines(path).Where(l => !l.StartsWith('#')))
        {
            string[] parts = line.Split('\t');
            double x = double.Parse(parts[0], CultureInfo.InvariantCulture);
            double expected = double.Parse(parts[1], CultureInfo.InvariantCulture);
            Assert.Equal(expected, NumpyRounding.Round(100 * x, 2));
            count++;
        }

        Assert.Equal(401, count);
    }

    [Fact]
    public void Ties_go_the_way_numpy_goes_not_the_way_python_goes()
    {
        // numpy scales 100 * 0.12345 by 100 again, lands on 1234.5 and rounds that tie to even: 12.34.
        // CPython's correctly rounded round() gives 12.35 for the same float (the golden file pins numpy's answer).
        Assert.Equal(12.34, NumpyRounding.Round(100 * 0.12345, 2));
    }
}
