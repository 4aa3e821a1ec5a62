using System.Text.Json;
using Vrs.Media;

namespace Vrs.Cli.Tests;

/// <summary>
/// <c>vrs segment</c> end to end through ffmpeg, ONNX Runtime and both stand-in bundles, on a synthetic clip of a
/// red square moving right and a blue square standing still over grey, with ground truth written beside it.
/// </summary>
public sealed class SegmentCommandTests : IDisposable
{
    private const int W = 224;
    private const int H = 168;
    private const int Frames = 12;
    private const int Side = 40;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-segment-" + Guid.NewGuid().ToString("N"));

    public SegmentCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static bool InRed(int t, int x, int y) => x >= 20 + (8 * t) && x < 20 + (8 * t) + Side && y >= 30 && y < 30 + Side;

    private static bool InBlue(int x, int y) => x >= 150 && x < 150 + Side && y >= 110 && y < 110 + Side;

    [Fact]
    public async Task A_query_naming_the_red_square_gives_its_masks_a_report_and_a_high_JF()
    {
        (string video, string models, string gt) = await Prepare();
        string output = Path.Combine(_root, "out");

        (int code, string stdout, string error) = await Cli.RunAsync(
            "segment", video, "--query", "the red square that moves to the right", "--models", models, "--out", output,
            "--gt", gt, "--fail-under", "85", "--overlay", Path.Combine(_root, "overlay.mp4"), "--heatmaps", Path.Combine(_root, "heat"),
            "--rle", Path.Combine(_root, "masks.json"));

        Assert.True(code == 0, error + stdout);
        Assert.Equal(Frames, Directory.GetFiles(output, "*.png").Length);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "report.json")));
        JsonElement root = report.RootElement;
        Assert.False(root.GetProperty("no_target").GetBoolean());
        Assert.Equal("red object", root.GetProperty("answer").GetString());
        Assert.Equal(Frames, root.GetProperty("frames_with_mask").GetInt32());
        Assert.True(root.GetProperty("scores").GetProperty("jf").GetDouble() >= 85, stdout);
        Assert.True(root.GetProperty("models").GetProperty("sam2_standin").GetBoolean());
        // Every candidate is an object of one predictor state: the image encoder ran once per frame.
        Assert.Equal(Frames, root.GetProperty("encoder_runs").GetInt32());
        Assert.Contains("stand-in models were used", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_root, "overlay.mp4")));
        Assert.True(File.Exists(Path.Combine(_root, "masks.json")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_root, "heat", "fused"), "*.png"));
        Assert.Empty(Directory.GetFileSystemEntries(_root, ".*"));
    }

    [Fact]
    public async Task Box_mode_prompts_SAM_2_with_the_answer_s_box_on_its_keyframe()
    {
        (string video, string models, string gt) = await Prepare();
        string output = Path.Combine(_root, "out");

        (int code, string stdout, string error) = await Cli.RunAsync(
            "segment", video, "--query", "the red square", "--mode", "box", "--models", models, "--out", output, "--gt", gt, "--json");

        Assert.True(code == 0, error + stdout);
        using JsonDocument report = JsonDocument.Parse(stdout);
        JsonElement root = report.RootElement;
        Assert.Equal("box", root.GetProperty("mode").GetString());
        Assert.True(root.GetProperty("box").GetProperty("keyframe").GetInt32() >= 0);
        Assert.True(root.GetProperty("scores").GetProperty("jf").GetDouble() >= 85, stdout);
        Assert.Equal(Frames, root.GetProperty("encoder_runs").GetInt32());
    }

    [Fact]
    public async Task A_query_for_a_colour_the_video_lacks_gives_empty_masks_and_says_why()
    {
        (string video, string models, _) = await Prepare();
        string output = Path.Combine(_root, "out");

        (int code, string stdout, string error) = await Cli.RunAsync("segment", video, "--query", "the green ball", "--models", models, "--out", output, "--quiet", "--json");

        Assert.True(code == 0, error);
        using JsonDocument report = JsonDocument.Parse(stdout);
        Assert.True(report.RootElement.GetProperty("no_target").GetBoolean());
        Assert.Contains("none", report.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        foreach (string png in Directory.GetFiles(output, "*.png"))
        {
            Assert.All(PngDecoder.ReadGray(png).Pixels, p => Assert.Equal(0, p));
        }
    }

    [Theory]
    [InlineData("--mode", "boxes", "boxes")]
    [InlineData("--query", " ", "--query is empty")]
    [InlineData("--anchors", "-1", "--anchors -1")]
    public async Task Bad_options_are_one_error_with_exit_code_2_and_no_output(string option, string value, string message)
    {
        (string video, string models, _) = await Prepare();
        string output = Path.Combine(_root, "out");
        string[] args = option == "--query"
            ? ["segment", video, "--query", value, "--models", models, "--out", output]
            : ["segment", video, "--query", "the red square", "--models", models, "--out", output, option, value];

        (int code, _, string error) = await Cli.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("sam2")]
    [InlineData("lvlm")]
    public async Task A_models_folder_missing_a_bundle_names_it_and_how_to_get_it(string missing)
    {
        (string video, string models, _) = await Prepare();
        Directory.Delete(Path.Combine(models, missing), recursive: true);

        (int code, _, string error) = await Cli.RunAsync("segment", video, "--query", "the red square", "--models", models, "--out", Path.Combine(_root, "out"));

        Assert.Equal(2, code);
        Assert.Contains($"{Path.Combine(models, missing)}: no {missing} bundle here", error, StringComparison.Ordinal);
        Assert.Contains("vrs models standin", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task Ground_truth_of_another_size_is_refused_before_any_work()
    {
        (string video, string models, string gt) = await Prepare();
        PngEncoder.WriteGray(Path.Combine(gt, "00003.png"), new GrayImage(W / 2, H));

        (int code, _, string error) = await Cli.RunAsync("segment", video, "--query", "the red square", "--models", models, "--out", Path.Combine(_root, "out"), "--gt", gt);

        Assert.Equal(2, code);
        Assert.Contains("00003.png: the ground truth is 112×168 but the video is 224×168", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task A_video_with_no_frames_is_one_clear_error()
    {
        (_, string models, _) = await Prepare();
        string empty = Path.Combine(_root, "empty-frames");
        Directory.CreateDirectory(empty);

        (int code, _, string error) = await Cli.RunAsync("segment", empty, "--query", "the red square", "--models", models, "--out", Path.Combine(_root, "out"));

        Assert.Equal(2, code);
        Assert.Contains(empty, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task A_failure_after_the_masks_are_staged_leaves_no_folder_report_rle_or_heatmaps_behind()
    {
        (string video, string models, _) = await Prepare();
        string blocker = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the overlay's folder should be");

        (int code, _, string error) = await Cli.RunAsync(
            "segment", video, "--query", "the red square", "--models", models, "--out", Path.Combine(_root, "out"),
            "--rle", Path.Combine(_root, "masks.json"), "--heatmaps", Path.Combine(_root, "heat"), "--overlay", Path.Combine(blocker, "overlay.mp4"));

        Assert.NotEqual(0, code);
        Assert.Contains("error:", error, StringComparison.Ordinal);
        Assert.Equal(["clip.mp4", "gt", "models", "not-a-folder"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_frame_that_cannot_be_decoded_is_one_error_naming_it_and_nothing_is_written()
    {
        (_, string models, _) = await Prepare();
        string frames = Path.Combine(_root, "frames");
        Directory.CreateDirectory(frames);
        for (int t = 0; t < Frames; t++)
        {
            var frame = new GrayImage(W, H);
            frame.Pixels.AsSpan().Fill(128);
            PngEncoder.WriteGray(Path.Combine(frames, $"{t:D5}.png"), frame);
        }

        await File.WriteAllBytesAsync(Path.Combine(frames, "00007.png"), [.. Enumerable.Range(0, 3000).Select(i => (byte)(i * 37))]);

        (int code, _, string error) = await Cli.RunAsync("segment", frames, "--query", "the red square", "--models", models, "--out", Path.Combine(_root, "out"));

        Assert.Equal(2, code);
        Assert.Contains("00007.png", error, StringComparison.Ordinal);
        Assert.Equal(["clip.mp4", "frames", "gt", "models"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private async Task<(string Video, string Models, string GroundTruth)> Prepare()
    {
        string video = Path.Combine(_root, "clip.mp4");
        if (!File.Exists(video))
        {
            await Cli.WriteVideoAsync(video, W, H, Frames, (t, x, y) =>
                InRed(t, x, y) ? ((byte)220, (byte)25, (byte)25) : InBlue(x, y) ? ((byte)25, (byte)35, (byte)215) : ((byte)128, (byte)128, (byte)128));
        }

        string models = Path.Combine(_root, "models");
        (int code, _, string error) = await Cli.RunAsync("models", "standin", "--out", models);
        Assert.True(code == 0, error);
        string gt = Path.Combine(_root, "gt");
        Directory.CreateDirectory(gt);
        for (int t = 0; t < Frames; t++)
        {
            var mask = new GrayImage(W, H);
            for (int y = 0; y < H; y++)
            {
                for (int x = 0; x < W; x++)
                {
                    mask.Pixels[(y * W) + x] = InRed(t, x, y) ? (byte)255 : (byte)0;
                }
            }

            PngEncoder.WriteGray(Path.Combine(gt, $"{t:D5}.png"), mask);
        }

        return (video, models, gt);
    }
}
