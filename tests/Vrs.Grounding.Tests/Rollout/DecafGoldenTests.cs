using System.Text.Json;
using Vrs.Grounding.Rollout;

namespace Vrs.Grounding.Tests.Rollout;

/// <summary>
/// Rollout and map fusion against DecAF's own code (HYUNJS/DecAF @ 6c9766c, run under torch 1.13.1 by
/// <c>scripts/dev/gen-rollout-goldens.py</c> on seeded random causal attention and maps). Data:
/// <c>Data/decaf-rollout-golden.json</c>. Tolerances cover float32 (reference) against float64 accumulation (here).
/// </summary>
public sealed class DecafGoldenTests
{
    private static readonly Lazy<JsonDocument> s_document = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "decaf-rollout-golden.json"))));

    public static TheoryData<string> RolloutCases => Names("rollout");

    public static TheoryData<string> FusionCases => Names("fusion");

    [Theory]
    [MemberData(nameof(RolloutCases))]
    public void Vision_max_rollout_last_row_matches_DecAF(string name)
    {
        JsonElement c = Case("rollout", name);
        float[][] layers = [.. c.GetProperty("layers").EnumerateArray().Select(Floats)];
        float[] row = AttentionRollout.LastRow(
            layers,
            c.GetProperty("heads").GetInt32(),
            c.GetProperty("tokens").GetInt32(),
            c.GetProperty("visualStart").GetInt32(),
            c.GetProperty("visualLength").GetInt32(),
            HeadWeighting.VisionMax);
        AssertClose(Floats(c.GetProperty("lastRow")), row, 1e-6);
    }

    [Theory]
    [MemberData(nameof(FusionCases))]
    public void Smoothing_and_fusion_match_DecAF(string name)
    {
        JsonElement c = Case("fusion", name);
        TokenMap objectVideo = Map(c, "videoShape", "objectVideo");
        TokenMap objectFrame = Map(c, "frameShape", "objectFrame");
        AssertClose(Floats(c.GetProperty("smoothedObjectVideo")), MapOperations.GaussianSmooth(objectVideo, MapOperations.VideoKernelSize).Values, 1e-7);
        AssertClose(Floats(c.GetProperty("smoothedObjectFrame")), MapOperations.GaussianSmooth(objectFrame, MapOperations.FrameKernelSize).Values, 1e-7);

        TokenMap fused = MapOperations.DecafFuse(objectVideo, Map(c, "videoShape", "backgroundVideo"), objectFrame, Map(c, "frameShape", "backgroundFrame"));
        Assert.Equal(c.GetProperty("frames").GetInt32(), fused.Frames);
        AssertClose(Floats(c.GetProperty("fused")), fused.Values, 1e-5);
    }

    private static TokenMap Map(JsonElement c, string shape, string values)
    {
        int[] s = [.. c.GetProperty(shape).EnumerateArray().Select(e => e.GetInt32())];
        return new TokenMap(s[0], s[1], s[2], Floats(c.GetProperty(values)));
    }

    private static void AssertClose(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}] = {actual[i]}, DecAF {expected[i]}");
        }
    }

    private static float[] Floats(JsonElement array) => [.. array.EnumerateArray().Select(e => (float)e.GetDouble())];

    private static JsonElement Case(string section, string name) =>
        s_document.Value.RootElement.GetProperty(section).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    private static TheoryData<string> Names(string section) =>
        [.. s_document.Value.RootElement.GetProperty(section).EnumerateArray().Select(e => e.GetProperty("name").GetString()!)];
}
