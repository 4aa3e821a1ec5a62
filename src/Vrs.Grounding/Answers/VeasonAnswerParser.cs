using System.Globalization;
using System.Text.Json;
using Vrs.Grounding.Runtime;

namespace Vrs.Grounding.Answers;

/// <summary>
/// Reads Veason-R1's answer <c>{"keyframe_timestamp": N, "bbox_2d_list": [[x1, y1, x2, y2], …]}</c>: after any
/// &lt;think&gt;…&lt;/think&gt;, inside &lt;answer&gt;…&lt;/answer&gt; when present, code fences and whitespace ignored; a single
/// <c>"bbox_2d"</c> box is accepted too. Boxes are pixels of the resized image the model saw and become pixels of the
/// frame, corners ordered and clamped to it.
/// </summary>
public static class VeasonAnswerParser
{
    private static readonly JsonDocumentOptions s_json = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    /// <param name="shownFrames">The timestamps (video frame indices) written before the images, in the order shown.</param>
    /// <param name="resized">The size of each image as fed to the model (all shown frames are resized alike).</param>
    /// <param name="frame">The video's frame size.</param>
    public static VeasonAnswer Parse(string text, IReadOnlyList<int> shownFrames, (int Width, int Height) resized, (int Width, int Height) frame, GenerationStop stop = GenerationStop.StopToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(shownFrames);
        string? json = JsonObjectText(AnswerRegion(text));
        if (json is null)
        {
            return new VeasonMalformed(text, stop, "the answer holds no JSON object");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json, s_json);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("keyframe_timestamp", out JsonElement stamp))
            {
                return new VeasonMalformed(text, stop, "the answer's JSON has no keyframe_timestamp");
            }

            if (Integer(stamp) is not int timestamp)
            {
                return new VeasonMalformed(text, stop, $"keyframe_timestamp {stamp.GetRawText()} is not a whole number");
            }

            int position = IndexOf(shownFrames, timestamp);
            if (position < 0)
            {
                return new VeasonMalformed(text, stop, $"keyframe_timestamp {timestamp} is not one of the shown timestamps ({string.Join(", ", shownFrames)})");
            }

            List<double[]>? corners = Boxes(root, out string? problem);
            if (corners is null)
            {
                return new VeasonMalformed(text, stop, problem!);
            }

            return new VeasonKeyframe(text, stop, timestamp, position, [.. corners.Select(c => ToFrame(c, resized, frame))]);
        }
        catch (JsonException e)
        {
            return new VeasonMalformed(text, stop, "the answer's JSON does not parse: " + e.Message);
        }
    }

    /// <summary>What follows the last &lt;/think&gt;, narrowed to the first &lt;answer&gt;…&lt;/answer&gt; in it when there is one.</summary>
    private static string AnswerRegion(string text)
    {
        int think = text.LastIndexOf("</think>", StringComparison.Ordinal);
        string rest = think >= 0 ? text[(think + "</think>".Length)..] : text;
        int open = rest.IndexOf("<answer>", StringComparison.Ordinal);
        if (open < 0)
        {
            return rest;
        }

        rest = rest[(open + "<answer>".Length)..];
        int close = rest.IndexOf("</answer>", StringComparison.Ordinal);
        return close >= 0 ? rest[..close] : rest;
    }

    /// <summary>From the first '{' to the last '}', which skips code fences and prose around one object.</summary>
    private static string? JsonObjectText(string region)
    {
        int start = region.IndexOf('{', StringComparison.Ordinal);
        int end = region.LastIndexOf('}');
        return start >= 0 && end > start ? region[start..(end + 1)] : null;
    }

    /// <summary>Every box as 4 numbers, or null with the reason; "bbox_2d_list" first, then "bbox_2d" (one box or a list).</summary>
    private static List<double[]>? Boxes(JsonElement root, out string? problem)
    {
        problem = null;
        if (!root.TryGetProperty("bbox_2d_list", out JsonElement boxes) && !root.TryGetProperty("bbox_2d", out boxes))
        {
            problem = "the answer's JSON has no bbox_2d_list";
            return null;
        }

        if (boxes.ValueKind != JsonValueKind.Array)
        {
            problem = $"the boxes {boxes.GetRawText()} are not a list";
            return null;
        }

        bool single = boxes.GetArrayLength() > 0 && boxes[0].ValueKind == JsonValueKind.Number;
        JsonElement[] items = single ? [boxes] : [.. boxes.EnumerateArray()];
        var result = new List<double[]>(items.Length);
        foreach (JsonElement item in items)
        {
            if (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 4 || item.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            {
                problem = $"the box {item.GetRawText()} is not [x1, y1, x2, y2]";
                return null;
            }

            result.Add([.. item.EnumerateArray().Select(v => v.GetDouble())]);
        }

        return result;
    }

    /// <summary>A whole number, written as a number (3, 3.0) or a string ("3", "3s").</summary>
    private static int? Integer(JsonElement value)
    {
        double number;
        if (value.ValueKind == JsonValueKind.Number)
        {
            number = value.GetDouble();
        }
        else if (value.ValueKind != JsonValueKind.String
            || !double.TryParse(value.GetString()!.Trim().TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out number))
        {
            return null;
        }

        return number == Math.Floor(number) && number >= int.MinValue && number <= int.MaxValue ? (int)number : null;
    }

    private static int IndexOf(IReadOnlyList<int> values, int value)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private static PixelBox ToFrame(double[] c, (int Width, int Height) resized, (int Width, int Height) frame)
    {
        double sx = (double)frame.Width / resized.Width;
        double sy = (double)frame.Height / resized.Height;
        return new PixelBox(
            Math.Clamp(Math.Min(c[0], c[2]) * sx, 0, frame.Width),
            Math.Clamp(Math.Min(c[1], c[3]) * sy, 0, frame.Height),
            Math.Clamp(Math.Max(c[0], c[2]) * sx, 0, frame.Width),
            Math.Clamp(Math.Max(c[1], c[3]) * sy, 0, frame.Height));
    }
}
