using System.Text.Encodings.Web;
using System.Text.Json;
using Vrs.Benchmarks.Evaluation;

namespace Vrs.Benchmarks.Reports;

/// <summary>
/// Writes <c>{"benchmark", "split", "subsets": {name: {J, F, JF, [R, A,] expressions}}, "expressions": [...]}</c>,
/// every score in percent.
/// </summary>
public static class JsonReportWriter
{
    public static void Write(BenchmarkReport report, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        json.WriteStartObject();
        json.WriteString("benchmark", report.Benchmark);
        json.WriteString("split", report.Split);
        json.WriteNumber("frames", report.FramesScored);
        json.WriteStartObject("subsets");
        foreach (SubsetScore subset in report.Subsets)
        {
            json.WriteStartObject(subset.Name);
            WriteScore(json, "J", subset.J);
            WriteScore(json, "F", subset.F);
            WriteScore(json, "JF", subset.JF);
            WriteOptional(json, "R", subset.R);
            WriteOptional(json, "A", subset.A);
            json.WriteNumber("expressions", subset.Expressions);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartArray("expressions");
        foreach (ExpressionLine line in report.Expressions)
        {
            json.WriteStartObject();
            json.WriteString("video", line.Video);
            json.WriteString("exp_id", line.ExpId);
            json.WriteString("exp", line.Text);
            json.WriteNumber("type_id", line.TypeId);
            WriteScore(json, "J", line.J);
            WriteScore(json, "F", line.F);
            WriteScore(json, "JF", line.JF);
            WriteOptional(json, "R", line.R);
            WriteOptional(json, "A", line.A);
            json.WriteString("status", StatusName(line.Status));
            if (line.Note is not null)
            {
                json.WriteString("note", line.Note);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string StatusName(PredictionStatus status) => status switch
    {
        PredictionStatus.Scored => "scored",
        PredictionStatus.MissingVideoZero => "missing-video-zero",
        PredictionStatus.MissingFramesZero => "missing-frames-zero",
        PredictionStatus.Skipped => "skipped",
        _ => status.ToString(),
    };

    private static void WriteScore(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v)
        {
            WriteScore(json, name, v);
        }
    }
}
