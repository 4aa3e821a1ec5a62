using System.Globalization;
using System.Text.RegularExpressions;
using Vrs.Grounding.Runtime;

namespace Vrs.Grounding.Answers;

/// <summary>A box in the original frame's pixels, x to the right, y down, (X1, Y1) the top-left corner.</summary>
public readonly record struct PixelBox(double X1, double Y1, double X2, double Y2);

/// <summary>
/// Reads the box out of a generated answer, in each architecture's grounding format: Qwen2-VL writes
/// <c>(x1,y1),(x2,y2)</c> (inside &lt;|box_start|&gt;…&lt;|box_end|&gt;) on a 0–1000 scale of the image; Qwen2.5-VL writes
/// JSON <c>{"bbox_2d": [x1, y1, x2, y2]}</c> in pixels of the resized image it was shown. Both become pixels of the
/// original frame, clamped to it.
/// </summary>
public static partial class BoxAnswer
{
    /// <summary>The first box in <paramref name="answer"/>, or null when it holds none.</summary>
    /// <param name="resizedWidth">Width of the image the model saw (smart-resized), for Qwen2.5-VL's absolute coordinates.</param>
    public static PixelBox? Parse(string answer, string architecture, int resizedWidth, int resizedHeight, int frameWidth, int frameHeight)
    {
        ArgumentNullException.ThrowIfNull(answer);
        double[]? corners = architecture == LvlmSettings.Qwen25Vl ? JsonBox(answer) ?? PairBox(answer) : PairBox(answer) ?? JsonBox(answer);
        if (corners is null)
        {
            return null;
        }

        // Qwen2.5-VL: pixels of the resized input; Qwen2-VL: thousandths of the image side.
        (double scaleX, double scaleY) = architecture == LvlmSettings.Qwen25Vl
            ? ((double)frameWidth / resizedWidth, (double)frameHeight / resizedHeight)
            : (frameWidth / 1000.0, frameHeight / 1000.0);
        double x1 = Math.Clamp(Math.Min(corners[0], corners[2]) * scaleX, 0, frameWidth);
        double x2 = Math.Clamp(Math.Max(corners[0], corners[2]) * scaleX, 0, frameWidth);
        double y1 = Math.Clamp(Math.Min(corners[1], corners[3]) * scaleY, 0, frameHeight);
        double y2 = Math.Clamp(Math.Max(corners[1], corners[3]) * scaleY, 0, frameHeight);
        return new PixelBox(x1, y1, x2, y2);
    }

    private static double[]? PairBox(string answer) => Numbers(PairPattern().Match(answer));

    private static double[]? JsonBox(string answer) => Numbers(JsonPattern().Match(answer));

    private static double[]? Numbers(Match match) => match.Success
        ? [.. Enumerable.Range(1, 4).Select(i => double.Parse(match.Groups[i].Value, NumberStyles.Float, CultureInfo.InvariantCulture))]
        : null;

    [GeneratedRegex(@"\(\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)\s*,?\s*\(\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex PairPattern();

    [GeneratedRegex(@"""bbox_2d""\s*:\s*\[\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\]", RegexOptions.CultureInvariant)]
    private static partial Regex JsonPattern();
}
