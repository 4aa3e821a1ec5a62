using System.Text.Json;
using Vrs.Benchmarks.Evaluation;

namespace Vrs.Benchmarks.Tests.Protocols;

/// <summary>
/// Each benchmark's protocol on a small synthetic dataset against what the real official script computed on it
/// (Golden/README.md says how expected.json was produced: repos, commits, patches).
/// </summary>
public class GoldenProtocolTests
{
    private const double Tolerance = 1e-9;

    private static string Golden(string name) => Path.Combine(AppContext.BaseDirectory, "Golden", name);

    [Fact]
    public void Revos_matches_eval_revos_py_per_expression_and_in_every_subset()
    {
        string root = Golden("revos");
        (List<ExpressionResult> results, BenchmarkReport report) = Evaluate(BenchmarkKind.Revos, root, Path.Combine(root, "pred"));
        using JsonDocument expected = Expected(root);

        JsonElement.ArrayEnumerator rows = expected.RootElement.GetProperty("expressions").EnumerateArray();
        int compared = 0;
        foreach (JsonElement row in rows)
        {
            ExpressionResult result = Find(results, row.GetProperty("video").GetString()!, row.GetProperty("exp_id").GetString()!);
            Assert.Equal(row.GetProperty("J").GetDouble(), result.J, Tolerance);
            Assert.Equal(row.GetProperty("F").GetDouble(), result.F, Tolerance);
            Assert.Equal(row.GetProperty("A").GetDouble(), result.A!.Value, Tolerance);
            Assert.Equal(row.GetProperty("R").GetDouble(), result.R!.Value, Tolerance);
            ExpressionLine line = report.Expressions.Single(l => l.Video == result.Spec.VideoKey && l.ExpId == result.Spec.ExpId);
            JsonElement rounded = row.GetProperty("rounded_percent");
            Assert.Equal(rounded.GetProperty("J").GetDouble(), line.J);
            Assert.Equal(rounded.GetProperty("F").GetDouble(), line.F);
            Assert.Equal(rounded.GetProperty("JF").GetDouble(), line.JF);
            Assert.Equal(rounded.GetProperty("A").GetDouble(), line.A!.Value);
            Assert.Equal(rounded.GetProperty("R").GetDouble(), line.R!.Value);
            compared++;
        }

        Assert.Equal(results.Count, compared);
        JsonElement official = expected.RootElement.GetProperty("official_output");
        foreach ((string ours, string theirs) in new[] { ("referring", "referring"), ("reasoning", "reason"), ("overall", "overall") })
        {
            SubsetScore subset = report.Subsets.Single(s => s.Name == ours);
            JsonElement o = official.GetProperty(theirs);
            Assert.Equal(o.GetProperty("J").GetDouble(), subset.J, 1e-9);
            Assert.Equal(o.GetProperty("F").GetDouble(), subset.F, 1e-9);
            Assert.Equal(o.GetProperty("JF").GetDouble(), subset.JF, 1e-9);
            Assert.Equal(o.GetProperty("A").GetDouble(), subset.A!.Value, 1e-9);
            Assert.Equal(o.GetProperty("R").GetDouble(), subset.R!.Value, 1e-9);
        }
    }

    [Fact]
    public void Mevis_matches_eval_mevis_py_including_which_expressions_are_absent()
    {
        string root = Golden("mevis");
        (List<ExpressionResult> results, BenchmarkReport report) = Evaluate(BenchmarkKind.Mevis, root, Path.Combine(root, "pred"));
        using JsonDocument expected = Expected(root);
        foreach (JsonElement row in expected.RootElement.GetProperty("expressions").EnumerateArray())
        {
            ExpressionResult result = Find(results, row.GetProperty("video").GetString()!, row.GetProperty("exp_id").GetString()!);
            if (row.GetProperty("absent").GetBoolean())
            {
                Assert.Equal(PredictionStatus.Skipped, result.Status);
                continue;
            }

            Assert.NotEqual(PredictionStatus.Skipped, result.Status);
            Assert.Equal(row.GetProperty("J").GetDouble(), result.J, Tolerance);
            Assert.Equal(row.GetProperty("F").GetDouble(), result.F, Tolerance);
        }

        JsonElement official = expected.RootElement.GetProperty("official_output");
        Assert.Equal(100 * official.GetProperty("J").GetDouble(), report.Overall.J, 1e-9);
        Assert.Equal(100 * official.GetProperty("F").GetDouble(), report.Overall.F, 1e-9);
        Assert.Equal(100 * official.GetProperty("J&F").GetDouble(), report.Overall.JF, 1e-9);
    }

    [Fact]
    public void ReasonVos_matches_eval_reason_vos_py_including_skipped_expressions()
    {
        string root = Golden("reasonvos");
        (List<ExpressionResult> results, BenchmarkReport report) = Evaluate(BenchmarkKind.ReasonVos, root, Path.Combine(root, "pred"));
        using JsonDocument expected = Expected(root);
        foreach (JsonElement row in expected.RootElement.GetProperty("expressions").EnumerateArray())
        {
            ExpressionResult result = Find(results, row.GetProperty("vid_key").GetString()!, row.GetProperty("exp_id").GetString()!);
            if (!row.GetProperty("counted").GetBoolean())
            {
                Assert.Equal(PredictionStatus.Skipped, result.Status);
                continue;
            }

            Assert.Equal(PredictionStatus.Scored, result.Status);
            Assert.Equal(row.GetProperty("J").GetDouble(), result.J, Tolerance);
            Assert.Equal(row.GetProperty("F").GetDouble(), result.F, Tolerance);
        }

        JsonElement official = expected.RootElement.GetProperty("official_output");
        Assert.Equal(100 * official.GetProperty("J").GetDouble(), report.Overall.J, 1e-9);
        Assert.Equal(100 * official.GetProperty("F").GetDouble(), report.Overall.F, 1e-9);
        Assert.Equal(100 * official.GetProperty("J&F").GetDouble(), report.Overall.JF, 1e-9);
    }

    [Fact]
    public void RefDavis_matches_the_davis_toolkit_per_annotator_slot_and_object()
    {
        string root = Golden("refdavis_toolkit");
        (_, BenchmarkReport report) = Evaluate(BenchmarkKind.RefDavis, Path.Combine(root, "DAVIS"), Path.Combine(root, "results"));
        using JsonDocument expected = Expected(root);
        var slotJf = new List<double>();
        foreach (JsonProperty slot in expected.RootElement.GetProperty("slots").EnumerateObject())
        {
            JsonElement full = slot.Value.GetProperty("full_precision");
            JsonElement global = full.GetProperty("global");
            SubsetScore subset = report.Subsets.Single(s => s.Name == slot.Name);
            Assert.Equal(100 * global.GetProperty("J-Mean").GetDouble(), subset.J, 1e-9);
            Assert.Equal(100 * global.GetProperty("F-Mean").GetDouble(), subset.F, 1e-9);
            Assert.Equal(100 * global.GetProperty("J&F-Mean").GetDouble(), subset.JF, 1e-9);
            foreach (JsonProperty perObject in full.GetProperty("J").GetProperty("M_per_object").EnumerateObject())
            {
                ExpressionLine line = report.Expressions.Single(l => l.ExpId == $"{slot.Name}/{perObject.Name}");
                Assert.Equal(100 * perObject.Value.GetDouble(), line.J, 1e-9);
                Assert.Equal(100 * full.GetProperty("F").GetProperty("M_per_object").GetProperty(perObject.Name).GetDouble(), line.F, 1e-9);
            }

            slotJf.Add(global.GetProperty("J&F-Mean").GetDouble());
        }

        Assert.Equal(100 * expected.RootElement.GetProperty("mean_of_slots_JF").GetDouble(), report.Overall.JF, 1e-9);
        Assert.Equal(slotJf.Count + 1, report.Subsets.Count);
    }

    private static (List<ExpressionResult> Results, BenchmarkReport Report) Evaluate(BenchmarkKind kind, string root, string pred)
    {
        using BenchmarkProtocol protocol = BenchmarkCatalog.Open(new EvaluationRequest(kind, root, null, pred));
        var workspace = new FrameWorkspace();
        List<ExpressionResult> results = protocol.Expressions.Select(e => protocol.Evaluate(e, workspace, null)).ToList();
        BenchmarkReport viaRunner = BenchmarkEvaluator.Run(protocol, 2, null, CancellationToken.None);
        BenchmarkReport report = protocol.Aggregate(results);
        Assert.Equal(report.Overall.JF, viaRunner.Overall.JF);
        return (results, report);
    }

    private static ExpressionResult Find(List<ExpressionResult> results, string video, string expId) =>
        results.Single(r => r.Spec.VideoKey == video && r.Spec.ExpId == expId);

    private static JsonDocument Expected(string root) => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "expected.json")));
}
