using System.Globalization;
using System.Text.Json;

namespace Vrs.Benchmarks.Tests.Metrics;

/// <summary>
/// Golden vectors from the official Python code: DAVIS davis2017-evaluation @ac7c43f (<c>db_eval_iou</c>,
/// <c>db_eval_boundary</c>, <c>_seg2bmap</c>, <c>utils.db_statistics</c>) and VISA @ec158fd <c>tools/metrics.py</c>
/// (<c>get_r2vos_robustness</c>, <c>get_r2vos_accuracy</c>), run with numpy 1.24.2, OpenCV 4.6.0 and
/// scikit-image 0.19.3 on masks built from the small layer specs stored in <c>Golden/metrics-golden.json</c>
/// (the same generator is <see cref="GoldenMasks"/>): single frames (2-D calls), whole expressions (stacked
/// (T, H, W) arrays scored and averaged as VISA <c>eval_revos.py</c> does), <c>db_statistics</c> and
/// <c>np.sum</c>/<c>np.mean</c> of seeded value arrays. Expected values are Python <c>repr</c> strings, so they
/// round-trip to the exact float64. The generator script is not committed (it imports the official code).
/// </summary>
internal static class GoldenVectors
{
    private static readonly Lazy<JsonDocument> s_document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Metrics", "Golden", "metrics-golden.json"))));

    public static JsonElement Root => s_document.Value.RootElement;

    public static IEnumerable<JsonElement> Frames => Root.GetProperty("frames").EnumerateArray();

    public static JsonElement Frame(string name)
    {
        return Frames.Single(f => f.GetProperty("name").GetString() == name);
    }

    public static TheoryData<string> FrameNames(Func<JsonElement, bool>? filter = null)
    {
        var data = new TheoryData<string>();
        foreach (JsonElement frame in Frames)
        {
            if (filter is null || filter(frame))
            {
                data.Add(frame.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    public static double Number(JsonElement element, string property)
    {
        string text = element.GetProperty(property).GetString()!;
        return text == "NaN" ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Exact float64 equality (NaN equals NaN), with the case name in the failure.</summary>
    public static void Exact(double expected, double actual, string what)
    {
        if (!expected.Equals(actual))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (diff {actual - expected:R})");
        }
    }
}
