using Vrs.Media;

namespace Vrs.Cli.Tests;

/// <summary><c>vrs models standin</c> and <c>vrs track</c> through the real command tree, ffmpeg and ONNX Runtime.</summary>
public sealed class TrackCommandTests : IDisposable
{
    private const int W = 96;
    private const int H = 64;
    private const int Frames = 20;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-track-" + Guid.NewGuid().ToString("N"));

    public TrackCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Track_from_a_click_on_a_middle_frame_writes_a_mask_per_frame_that_covers_the_object()
    {
        (string video, string models) = await Prepare();
        string output = Path.Combine(_root, "masks");

        (int code, _, string error) = await Cli.RunAsync("track", video, "--models", models, "--point", $"{RedX(10) + 8},{RedY + 6}@10", "--out", output);

        Assert.True(code == 0, error);
        Assert.Contains("stand-in bundle (NOT the real SAM 2)", error, StringComparison.Ordinal);
        string[] files = [.. Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal([.. Enumerable.Range(0, Frames).Select(i => $"{i:D5}.png")], files);
        foreach (int t in new[] { 0, 10, 19 })
        {
            GrayImage mask = PngDecoder.ReadGray(Path.Combine(output, $"{t:D5}.png"));
            int inside = 0;
            int total = 0;
            for (int y = 0; y < H; y++)
            {
                for (int x = 0; x < W; x++)
                {
                    bool truth = x >= RedX(t) && x < RedX(t) + 16 && y >= RedY && y < RedY + 12;
                    bool predicted = mask.Pixels[(y * W) + x] != 0;
                    inside += truth && predicted ? 1 : 0;
                    total += truth || predicted ? 1 : 0;
                }
            }

            Assert.True(inside >= 0.8 * total, $"frame {t}: IoU {inside}/{total}");
        }
    }

    [Fact]
    public async Task Quiet_tracking_prints_nothing_on_stderr_and_redirected_progress_prints_plain_lines()
    {
        (string video, string models) = await Prepare();

        (int quietCode, _, string quietError) = await Cli.RunAsync("track", video, "--models", models, "--point", $"{RedX(0) + 8},{RedY + 6}@0", "--out", Path.Combine(_root, "q"), "--quiet");
        (int code, _, string error) = await Cli.RunAsync("track", video, "--models", models, "--point", $"{RedX(0) + 8},{RedY + 6}@0", "--out", Path.Combine(_root, "p"));

        Assert.True(quietCode == 0, quietError);
        Assert.Equal(string.Empty, quietError);
        Assert.True(code == 0, error);
        Assert.Contains($"tracking: {Frames}/{Frames} frames (100%)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_objects_with_a_box_write_palette_pngs_rle_json_and_an_overlay()
    {
        (string video, string models) = await Prepare();
        string output = Path.Combine(_root, "masks");
        string rle = Path.Combine(_root, "masks.json");
        string overlay = Path.Combine(_root, "overlay.mp4");

        (int code, _, string error) = await Cli.RunAsync(
            "track", video, "--models", models, "--object", "3", "--box", $"{RedX(0) - 2},{RedY - 2},{RedX(0) + 18},{RedY + 14}@0",
            "--object", "5", "--point", "2,2@0", "--out", output, "--palette", "--rle", rle, "--overlay", overlay);

        Assert.True(code == 0, error);
        Assert.Equal(Frames, Directory.GetFiles(output).Length);
        using System.Text.Json.JsonDocument json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(rle));
        Assert.Equal(Frames, json.RootElement.EnumerateObject().Count());
        Assert.True(json.RootElement.GetProperty("00007").TryGetProperty("3", out _));
        Assert.True(json.RootElement.GetProperty("00007").TryGetProperty("5", out _));
        Assert.True(new FileInfo(overlay).Length > 0);
    }

    [Theory]
    [InlineData("--point", "500,10@0", "is outside the 96x64 frame")]
    [InlineData("--point", "10,10@25", "frame 25 does not exist")]
    [InlineData("--point", "10,10", "expected X,Y[,0|1]@FRAME")]
    [InlineData("--box", "1,2,3@0", "expected X1,Y1,X2,Y2@FRAME")]
    public async Task Bad_prompts_exit_2_with_a_clear_message_and_leave_no_output(string option, string value, string message)
    {
        (string video, string models) = await Prepare();
        string output = Path.Combine(_root, "masks");

        (int code, _, string error) = await Cli.RunAsync("track", video, "--models", models, option, value, "--out", output);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_missing_video_or_a_bundle_of_the_wrong_kind_exits_2()
    {
        (_, string models) = await Prepare();
        (int code, _, string error) = await Cli.RunAsync("track", Path.Combine(_root, "none.mp4"), "--models", models, "--point", "1,1@0", "--out", Path.Combine(_root, "m"));
        Assert.Equal(2, code);
        Assert.Contains("none.mp4", error, StringComparison.Ordinal);

        (code, _, error) = await Cli.RunAsync("track", Path.Combine(_root, "none.mp4"), "--models", _root, "--point", "1,1@0", "--out", Path.Combine(_root, "m"));
        Assert.Equal(2, code);
        Assert.Contains("vrs-model.json", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_after_tracking_leaves_no_mask_folder_rle_or_overlay_behind()
    {
        (string video, string models) = await Prepare();
        string blocker = Path.Combine(_root, "not-a-folder");
        await File.WriteAllTextAsync(blocker, "a file where the overlay's folder should be");
        string output = Path.Combine(_root, "out");

        // The masks and the RLE file are written (staged) before the overlay, which then cannot be created.
        (int code, _, string error) = await Cli.RunAsync(
            "track", video, "--models", models, "--point", $"{RedX(0) + 8},{RedY + 6}@0", "--out", output,
            "--rle", Path.Combine(_root, "masks.json"), "--overlay", Path.Combine(blocker, "overlay.mp4"));

        Assert.NotEqual(0, code);
        Assert.Contains("error:", error, StringComparison.Ordinal);
        Assert.Equal(["clip.mp4", "models", "not-a-folder"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    private static int RedX(int t) => 4 + (3 * t);

    private const int RedY = 20;

    private async Task<(string Video, string Models)> Prepare()
    {
        (int code, _, string error) = await Cli.RunAsync("models", "standin", "--out", Path.Combine(_root, "models"));
        Assert.True(code == 0, error);
        string video = Path.Combine(_root, "clip.mp4");
        await Cli.WriteVideoAsync(video, W, H, Frames, (t, x, y) =>
        {
            bool red = x >= RedX(t) && x < RedX(t) + 16 && y >= RedY && y < RedY + 12;
            byte grey = (byte)(100 + ((((x / 8) + (y / 8)) & 1) * 40));
            return red ? ((byte)220, (byte)40, (byte)40) : (grey, grey, grey);
        });
        return (video, Path.Combine(_root, "models", "sam2"));
    }
}
