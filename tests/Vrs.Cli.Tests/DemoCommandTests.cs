namespace Vrs.Cli.Tests;

/// <summary><c>vrs demo</c> as a newcomer runs it: everything lands in one folder and the stand-ins are named as such.</summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-demo-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task The_demo_writes_clip_ground_truth_models_masks_overlay_and_heatmaps_and_scores_them()
    {
        (int code, string output, string error) = await Cli.RunAsync("demo", "--out", _root);

        Assert.True(code == 0, error + output);
        Assert.Equal(
            ["heatmaps", "late-entry-gt", "late-entry.mp4", "masks", "models", "overlay.mp4"],
            Directory.GetFileSystemEntries(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(33, Directory.GetFiles(Path.Combine(_root, "masks")).Length); // 32 masks + report.json
        Assert.Matches(@"J&F (8[5-9]|9\d|100)\.\d\d", output);
        Assert.Contains("STAND-IN models", output, StringComparison.Ordinal);
        Assert.Contains("scripts/export_qwen_vl.py", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_the_demo_has_no_ground_truth_for_lists_the_ones_it_has()
    {
        (int code, _, string error) = await Cli.RunAsync("demo", "--out", _root, "--query", "the dog");

        Assert.Equal(2, code);
        Assert.Contains("\"the yellow thing that appears later\"", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_root));
    }
}
