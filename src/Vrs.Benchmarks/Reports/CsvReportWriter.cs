using System.Globalization;
using System.Text;
using Vrs.Benchmarks.Evaluation;

namespace Vrs.Benchmarks.Reports;

/// <summary>One row per expression: video, exp_id, exp, type_id, J, F, JF, [R, A,] status (percent, RFC 4180 quoting).</summary>
public static class CsvReportWriter
{
    public static void Write(BenchmarkReport report, TextWriter writer)
    {
        bool withRobustness = report.Expressions.Any(e => e.R.HasValue);
        writer.Write("video,exp_id,exp,type_id,J,F,JF");
        writer.Write(withRobustness ? ",R,A,status\n" : ",status\n");
        var row = new StringBuilder();
        foreach (ExpressionLine line in report.Expressions)
        {
            row.Clear();
            row.Append(Quote(line.Video)).Append(',').Append(Quote(line.ExpId)).Append(',').Append(Quote(line.Text)).Append(',')
                .Append(line.TypeId.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(line.J)).Append(',').Append(Number(line.F)).Append(',').Append(Number(line.JF));
            if (withRobustness)
            {
                row.Append(',').Append(Number(line.R)).Append(',').Append(Number(line.A));
            }

            row.Append(',').Append(JsonReportWriter.StatusName(line.Status)).Append('\n');
            writer.Write(row);
        }
    }

    private static string Number(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
