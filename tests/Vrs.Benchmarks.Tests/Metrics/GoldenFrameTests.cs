using System.Text.Json;
using Vrs.Benchmarks.Metrics;

namespace Vrs.Benchmarks.Tests.Metrics;

/// <summary>Every golden frame must reproduce the official J, F, R and A bit for bit, on both code paths.</summary>
public sealed class GoldenFrameTests
{
    public static TheoryData<string> AllFrames => GoldenVectors.FrameNames();

    public static TheoryData<string> BoundaryMapFrames => GoldenVectors.FrameNames(f => f.TryGetProperty("gtBmap", out _));

    [Theory]
    [MemberData(nameof(AllFrames))]
    public void Fused_evaluator_equals_the_official_code(string name)
    {
        JsonElement frame = GoldenVectors.Frame(name);
        int width = frame.GetProperty("width").GetInt32();
        int height = frame.GetProperty("height").GetInt32();
        byte[] gt = GoldenMasks.Build(frame, "gt");
        byte[] pred = GoldenMasks.Build(frame, "pred");
        foreach (bool useVectors in new[] { true, false })
        {
            var evaluator = new FrameEvaluator(useVectors);
            string what = $"{name} (vectors: {useVectors})";
            if (frame.TryGetProperty("fg", out _))
            {
                byte[] fg = GoldenMasks.Build(frame, "fg");
                RevosFrameScores scores = evaluator.EvaluateRevos(gt, pred, fg, width, height);
                GoldenVectors.Exact(GoldenVectors.Number(frame, "J"), scores.J, what + " J");
                GoldenVectors.Exact(GoldenVectors.Number(frame, "F"), scores.F, what + " F");
                GoldenVectors.Exact(GoldenVectors.Number(frame, "R"), scores.Robustness, what + " R");
                GoldenVectors.Exact(GoldenVectors.Number(frame, "A"), scores.Accuracy, what + " A");
            }
            else
            {
                byte[] voidMask = frame.TryGetProperty("void", out _) ? GoldenMasks.Build(frame, "void") : [];
                FrameScores scores = evaluator.Evaluate(gt, pred, voidMask, width, height);
                GoldenVectors.Exact(GoldenVectors.Number(frame, "J"), scores.J, what + " J");
                GoldenVectors.Exact(GoldenVectors.Number(frame, "F"), scores.F, what + " F");
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllFrames))]
    public void Single_metric_functions_equal_the_official_code(string name)
    {
        JsonElement frame = GoldenVectors.Frame(name);
        byte[] gt = GoldenMasks.Build(frame, "gt");
        byte[] pred = GoldenMasks.Build(frame, "pred");
        byte[] voidMask = frame.TryGetProperty("void", out _) ? GoldenMasks.Build(frame, "void") : [];
        GoldenVectors.Exact(GoldenVectors.Number(frame, "J"), Jaccard.Compute(gt, pred, voidMask), name + " J");
        if (frame.TryGetProperty("fg", out _))
        {
            byte[] fg = GoldenMasks.Build(frame, "fg");
            GoldenVectors.Exact(GoldenVectors.Number(frame, "R"), RevosRobustness.Compute(gt, pred, fg), name + " R");
            GoldenVectors.Exact(GoldenVectors.Number(frame, "A"), RevosAccuracy.Compute(gt, pred), name + " A");
        }
    }

    [Theory]
    [MemberData(nameof(AllFrames))]
    public void Boundary_pixel_counts_equal_seg2bmap(string name)
    {
        JsonElement frame = GoldenVectors.Frame(name);
        int width = frame.GetProperty("width").GetInt32();
        int height = frame.GetProperty("height").GetInt32();
        byte[] gt = GoldenMasks.Build(frame, "gt");
        byte[] pred = GoldenMasks.Build(frame, "pred");
        var gtPoints = new BoundaryBits();
        var predPoints = new BoundaryBits();
        FrameScanner.Scan(gt, pred, [], [], width, height, gtPoints, predPoints);
        Assert.Equal(frame.GetProperty("gtBoundary").GetInt32(), gtPoints.Count);
        Assert.Equal(frame.GetProperty("predBoundary").GetInt32(), predPoints.Count);

        var map = new byte[width * height];
        BoundaryMap.Compute(gt, width, height, map);
        Assert.Equal(frame.GetProperty("gtBoundary").GetInt32(), map.Count(b => b != 0));
    }

    [Theory]
    [MemberData(nameof(BoundaryMapFrames))]
    public void Boundary_map_equals_seg2bmap_pixel_for_pixel(string name)
    {
        JsonElement frame = GoldenVectors.Frame(name);
        int width = frame.GetProperty("width").GetInt32();
        int height = frame.GetProperty("height").GetInt32();
        var map = new byte[width * height];
        BoundaryMap.Compute(GoldenMasks.Build(frame, "gt"), width, height, map);
        string[] expected = frame.GetProperty("gtBmap").EnumerateArray().Select(r => r.GetString()!).ToArray();
        string[] actual = Enumerable.Range(0, height)
            .Select(y => string.Concat(map.AsSpan(y * width, width).ToArray().Select(b => b == 0 ? '0' : '1')))
            .ToArray();
        Assert.Equal(expected, actual);
    }
}
