using Vrs.Benchmarks.Aggregation;

namespace Vrs.Benchmarks.Tests.Aggregation;

public class PythonRoundingTests
{
    // Expected values are what CPython 3.11 prints for round(x, 2): it rounds the exact binary value,
    // so 2.675 (stored as 2.67499999...) goes down and 0.125 (exact) goes to the even neighbour.
    [Theory]
    [InlineData(2.675, 2.67)]
    [InlineData(0.125, 0.12)]
    [InlineData(0.375, 0.38)]
    [InlineData(1.005, 1.0)]
    [InlineData(63.456789, 63.46)]
    [InlineData(100.0, 100.0)]
    [InlineData(-2.675, -2.67)]
    [InlineData(0.0, 0.0)]
    [InlineData(99.995, 100.0)]
    [InlineData(12.345, 12.35)]
    public void Rounds_like_cpython(double value, double expected)
    {
        Assert.Equal(expected, PythonRounding.Round(value, 2));
    }
}

public class PythonRoundingGoldenTests
{
    [Fact]
    public void Matches_cpython_on_400_golden_values()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "python_round2.txt");
        int checkedCount = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            string[] parts = line.Split('\t');
            double value = double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
            double expected = double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(expected, PythonRounding.Round(value, 2));
            checkedCount++;
        }

        Assert.Equal(400, checkedCount);
    }
}
