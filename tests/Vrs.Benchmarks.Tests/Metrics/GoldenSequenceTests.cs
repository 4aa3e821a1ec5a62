using System.Text.Json;
using Vrs.Benchmarks.Metrics;

namespace Vrs.Benchmarks.Tests.Metrics;

/// <summary>
/// Whole expressions as VISA <c>eval_revos.py</c> scores them (3-D <c>db_eval_iou</c>/<c>db_eval_boundary</c>,
/// <c>get_r2vos_*</c>, then <c>.mean()</c> over frames): per-frame scores averaged with numpy's summation order
/// must give the official per-expression J, F, A and R bit for bit.
/// </summary>
public sealed class GoldenSequenceTests
{
    [Fact]
    public void Frame_scores_averaged_like_numpy_equal_the_official_expression_scores()
    {
        JsonElement[] sequences = GoldenVectors.Root.GetProperty("sequences").EnumerateArray().ToArray();
        Assert.NotEmpty(sequences);
        var evaluator = new FrameEvaluator();
        foreach (JsonElement sequence in sequences)
        {
            int width = sequence.GetProperty("width").GetInt32();
            int height = sequence.GetProperty("height").GetInt32();
            JsonElement[] frames = sequence.GetProperty("frames").EnumerateArray().ToArray();
            var j = new double[frames.Length];
            var f = new double[frames.Length];
            var r = new double[frames.Length];
            var a = new double[frames.Length];
            for (int t = 0; t < frames.Length; t++)
            {
                RevosFrameScores scores = evaluator.EvaluateRevos(
                    GoldenMasks.Build(frames[t].GetProperty("gt"), width, height),
                    GoldenMasks.Build(frames[t].GetProperty("pred"), width, height),
                    GoldenMasks.Build(frames[t].GetProperty("fg"), width, height),
                    width,
                    height);
                (j[t], f[t], r[t], a[t]) = (scores.J, scores.F, scores.Robustness, scores.Accuracy);
            }

            string what = $"{width}x{height}x{frames.Length}";
            GoldenVectors.Exact(GoldenVectors.Number(sequence, "J"), NumpyReductions.Mean(j), what + " J");
            GoldenVectors.Exact(GoldenVectors.Number(sequence, "F"), NumpyReductions.Mean(f), what + " F");
            GoldenVectors.Exact(GoldenVectors.Number(sequence, "R"), NumpyReductions.Mean(r), what + " R");
            GoldenVectors.Exact(GoldenVectors.Number(sequence, "A"), NumpyReductions.Mean(a), what + " A");
        }
    }
}
