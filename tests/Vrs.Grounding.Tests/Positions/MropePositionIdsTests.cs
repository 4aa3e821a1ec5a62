using System.Text.Json;
using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Tests.Preprocessing;

namespace Vrs.Grounding.Tests.Positions;

/// <summary>M-RoPE position ids against transformers' get_rope_index (goldens: <see cref="QwenVisionGolden"/>).</summary>
public sealed class MropePositionIdsTests
{
    public static TheoryData<string> RopeCases => QwenVisionGolden.Names("rope");

    [Theory]
    [MemberData(nameof(RopeCases))]
    public void Positions_and_rope_delta_match_the_reference(string name)
    {
        JsonElement c = QwenVisionGolden.Case("rope", name);
        int[] ids = QwenVisionGolden.Ints(c.GetProperty("inputIds"));
        List<VisionGrid> images = Grids(c.GetProperty("imageGrids"));
        List<VisionGrid> videos = Grids(c.GetProperty("videoGrids"));
        JsonElement seconds = c.GetProperty("secondsPerGrid");
        List<float>? secondsPerGrid = seconds.ValueKind == JsonValueKind.Null
            ? null
            : [.. seconds.EnumerateArray().Select(e => (float)e.GetDouble())];
        MropeOptions options = c.GetProperty("qwen2").GetBoolean() ? MropeOptions.Qwen2Vl : MropeOptions.Qwen25Vl;

        MropePositionIds positions = MropePositionIds.Compute(ids, images, videos, options, secondsPerGrid);

        JsonElement expected = c.GetProperty("positions");
        for (int axis = 0; axis < 3; axis++)
        {
            long[] want = [.. expected[axis].EnumerateArray().Select(e => e.GetInt64())];
            Assert.Equal(want, positions.Axis(axis).ToArray());
        }

        Assert.Equal(c.GetProperty("ropeDelta").GetInt64(), positions.RopeDelta);
    }

    [Fact]
    public void Transformers_js_doc_example()
    {
        // lvlm-grounding.md §6.4: a 3×2×2 (merged) video then 5 text tokens.
        int[] ids = [.. Enumerable.Repeat(151656, 12), 1, 2, 3, 4, 5];
        MropePositionIds p = MropePositionIds.Compute(ids, [], [new VisionGrid(3, 4, 4)], MropeOptions.Qwen2Vl);
        Assert.Equal([0L, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 4, 5, 6, 7], p.Axis(0).ToArray());
        Assert.Equal([0L, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 3, 4, 5, 6, 7], p.Axis(1).ToArray());
        Assert.Equal([0L, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 3, 4, 5, 6, 7], p.Axis(2).ToArray());
        Assert.Equal(8 - 17, p.RopeDelta);
    }

    [Fact]
    public void Qwen2_5_scales_video_time_by_seconds_per_grid_times_two()
    {
        int[] ids = [.. Enumerable.Repeat(151656, 3)];
        float fps1 = MropeOptions.SecondsPerGrid(1.0);   // 2 s per temporal grid → τ = 4
        MropePositionIds p = MropePositionIds.Compute(ids, [], [new VisionGrid(3, 2, 2)], MropeOptions.Qwen25Vl, [fps1]);
        Assert.Equal([0L, 4, 8], p.Axis(0).ToArray());
        Assert.Equal(9 - 3, p.RopeDelta);
    }

    [Fact]
    public void Mismatched_grids_and_pads_are_clear_errors()
    {
        int[] ids = [1, .. Enumerable.Repeat(151655, 3), 2];
        ArgumentException e = Assert.Throws<ArgumentException>(() => MropePositionIds.Compute(ids, [new VisionGrid(1, 4, 4)], [], MropeOptions.Qwen2Vl));
        Assert.Contains("4 consecutive pad tokens", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MropePositionIds.Compute(ids, [], [], MropeOptions.Qwen2Vl));
        Assert.Throws<ArgumentException>(() => MropePositionIds.Compute([1, 2], [new VisionGrid(1, 2, 2)], [], MropeOptions.Qwen2Vl));
    }

    private static List<VisionGrid> Grids(JsonElement array) =>
        [.. array.EnumerateArray().Select(g => new VisionGrid(g[0].GetInt32(), g[1].GetInt32(), g[2].GetInt32()))];
}
