using System.Globalization;
using System.Text;
using System.Text.Json;
using Vrs.Grounding.Answers;
using Vrs.Grounding.Maps;
using Vrs.Grounding.Rollout;
using Vrs.Grounding.Runtime;
using Vrs.Media.IO;
using Vrs.Media.Video;

namespace Vrs.Cli.Commands;

/// <summary>Where a map peaks on one sampled frame, in video pixels (the centre of the strongest token cell).</summary>
internal sealed record MapPeak(int Frame, string Name, double X, double Y, float Value, double VideoX, double VideoY);

/// <summary>The keyframe passes' results: the attribute text and the box (frame pixels), each when asked.</summary>
internal sealed record KeyframeAnswers(int Frame, string? Attributes, PixelBox? Box, string? BoxAnswer)
{
    public static KeyframeAnswers Ask(LvlmModel model, RgbFrame frame, string query, bool attributes, bool box, CancellationToken cancellationToken)
    {
        var questions = new KeyframeQuestions(model);
        EncodedKeyframe keyframe = questions.Encode(frame, cancellationToken);
        string? attributeText = attributes ? questions.Attributes(keyframe, query, cancellationToken: cancellationToken).Text.Trim() : null;
        (PixelBox? found, GeneratedAnswer? answer) = box ? questions.Box(keyframe, query, cancellationToken: cancellationToken) : (null, null);
        return new KeyframeAnswers(frame.Index, attributeText, found, answer?.Text.Trim());
    }
}

/// <summary>What <c>vrs ground</c> prints and writes: per-frame peaks of the fused and video-level maps, the answer, the maps.</summary>
internal sealed class GroundReport
{
    private readonly string _video;
    private readonly string _query;
    private readonly LvlmModel _model;
    private readonly GroundingResult _result;
    private readonly int _width;
    private readonly int _height;
    private readonly KeyframeAnswers? _answers;

    private GroundReport(string video, string query, LvlmModel model, GroundingResult result, IReadOnlyList<MapPeak> peaks, int width, int height, KeyframeAnswers? answers)
    {
        _answers = answers;
        _video = video;
        _query = query;
        _model = model;
        _result = result;
        Peaks = peaks;
        _width = width;
        _height = height;
    }

    public IReadOnlyList<MapPeak> Peaks { get; }

    public static GroundReport Create(string video, string query, LvlmModel model, IReadOnlyList<RgbFrame> frames, GroundingResult result, KeyframeAnswers? answers)
    {
        int width = frames[0].Width;
        int height = frames[0].Height;
        var peaks = new List<MapPeak>(frames.Count);
        for (int t = 0; t < frames.Count; t++)
        {
            (double x, double y, float value) = Peak(result.Fused, t, width, height);
            (double vx, double vy, _) = Peak(result.VideoMap, t, width, height);
            peaks.Add(new MapPeak(frames[t].Index, frames[t].Name, x, y, value, vx, vy));
        }

        return new GroundReport(video, query, model, result, peaks, width, height, answers);
    }

    /// <summary>The strongest cell of frame <paramref name="t"/> (first in raster order on ties), its centre scaled to the frame.</summary>
    internal static (double X, double Y, float Value) Peak(TokenMap map, int t, int width, int height)
    {
        ReadOnlySpan<float> values = map.Frame(t);
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        int cx = best % map.Width;
        int cy = best / map.Width;
        return ((cx + 0.5) / map.Width * width, (cy + 0.5) / map.Height * height, values[best]);
    }

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"answer: {_result.ObjectAnswer.Trim()}");
        if (_answers?.Attributes is { } attributes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"attributes (frame {_answers.Frame}): {attributes}");
        }

        if (_answers is { BoxAnswer: { } boxAnswer })
        {
            string found = _answers.Box is { } b
                ? string.Create(CultureInfo.InvariantCulture, $"{b.X1:F1},{b.Y1:F1},{b.X2:F1},{b.Y2:F1}")
                : "none";
            text.AppendLine(CultureInfo.InvariantCulture, $"box (frame {_answers.Frame}): {found}   (answer \"{boxAnswer}\")");
        }

        text.AppendLine("frame  name          fused peak (x, y)   value   video-level peak (x, y)");
        foreach (MapPeak peak in Peaks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{peak.Frame,5}  {peak.Name,-12}  ({peak.X,7:F1}, {peak.Y,7:F1})  {peak.Value,6:F3}   ({peak.VideoX,7:F1}, {peak.VideoY,7:F1})");
        }

        return text.ToString();
    }

    public void WriteJson(string path) => AtomicFile.Write(path, stream =>
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("video", _video);
        json.WriteString("query", _query);
        json.WriteString("model", _model.Settings.ModelName);
        json.WriteBoolean("standin", _model.IsStandIn);
        json.WriteNumber("width", _width);
        json.WriteNumber("height", _height);
        json.WriteString("answer", _result.ObjectAnswer);
        json.WriteNumber("visual_tokens", _result.VideoTokens);
        json.WriteNumber("prompt_tokens", _result.PromptTokens);
        json.WriteStartArray("frames");
        foreach (MapPeak peak in Peaks)
        {
            json.WriteStartObject();
            json.WriteNumber("index", peak.Frame);
            json.WriteString("name", peak.Name);
            json.WriteStartObject("peak");
            json.WriteNumber("x", Math.Round(peak.X, 2));
            json.WriteNumber("y", Math.Round(peak.Y, 2));
            json.WriteNumber("value", Math.Round(peak.Value, 5));
            json.WriteEndObject();
            json.WriteStartObject("video_peak");
            json.WriteNumber("x", Math.Round(peak.VideoX, 2));
            json.WriteNumber("y", Math.Round(peak.VideoY, 2));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (_answers is not null)
        {
            json.WriteStartObject("keyframe");
            json.WriteNumber("index", _answers.Frame);
            if (_answers.Attributes is not null)
            {
                json.WriteString("attributes", _answers.Attributes);
            }

            if (_answers.BoxAnswer is not null)
            {
                json.WriteString("box_answer", _answers.BoxAnswer);
                if (_answers.Box is { } b)
                {
                    json.WriteStartArray("box");
                    json.WriteNumberValue(Math.Round(b.X1, 2));
                    json.WriteNumberValue(Math.Round(b.Y1, 2));
                    json.WriteNumberValue(Math.Round(b.X2, 2));
                    json.WriteNumberValue(Math.Round(b.Y2, 2));
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNull("box");
                }
            }

            json.WriteEndObject();
        }

        WriteMap(json, "fused", _result.Fused);
        WriteMap(json, "video_map", _result.VideoMap);
        json.WriteEndObject();
    });

    /// <summary>A map as {"height", "width", "values": [frame][row-major cells]}, 5 decimals.</summary>
    private static void WriteMap(Utf8JsonWriter json, string name, TokenMap map)
    {
        json.WriteStartObject(name);
        json.WriteNumber("height", map.Height);
        json.WriteNumber("width", map.Width);
        json.WriteStartArray("values");
        for (int t = 0; t < map.Frames; t++)
        {
            json.WriteStartArray();
            foreach (float value in map.Frame(t))
            {
                json.WriteNumberValue(Math.Round(value, 5));
            }

            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
