using System.Globalization;
using Vrs.Benchmarks.Evaluation;

namespace Vrs.Cli.Commands;

/// <summary>The plain-text score table <c>vrs eval</c> prints on stdout (stable columns, easy to read in a log).</summary>
internal static class ScoreTable
{
    public static void Write(BenchmarkReport report, TimeSpan elapsed, TextWriter output)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        bool robustness = report.Subsets.Any(s => s.R.HasValue);
        output.WriteLine(string.Create(c,
            $"{report.Benchmark} ({report.Split}) · {report.Expressions.Count} expressions · {report.FramesScored} frames scored · {elapsed.TotalSeconds:0.00} s"));
        string header = string.Create(c, $"{"subset",-12}{"expressions",12}{"J",9}{"F",9}{"J&F",9}");
        output.WriteLine(robustness ? header + string.Create(c, $"{"R",9}{"A",9}") : header);
        foreach (SubsetScore s in report.Subsets)
        {
            string line = string.Create(c, $"{s.Name,-12}{s.Expressions,12}{Format(s.J),9}{Format(s.F),9}{Format(s.JF),9}");
            output.WriteLine(robustness ? line + string.Create(c, $"{Format(s.R),9}{Format(s.A),9}") : line);
        }
    }

    private static string Format(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
