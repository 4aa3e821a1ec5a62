using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vrs.Cli.Tests;

/// <summary>
/// <c>vrs ground</c> end to end through ffmpeg, ONNX Runtime and the stand-in lvlm bundle, on a synthetic video of three
/// solid-colour squares (red, green, blue) drifting over a grey checkerboard.
/// </summary>
public sealed class GroundCommandTests : IDisposable
{
    private const int W = 280;
    private const int H = 196;
    private const int Frames = 8;
    private const int Side = 56;

    private static readonly (string Name, byte R, byte G, byte B, int X, int Y)[] s_objects =
    [
        ("red", 230, 20, 20, 20, 30),
        ("green", 20, 220, 30, 120, 110),
        ("blue", 25, 30, 225, 200, 20),
    ];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-ground-" + Guid.NewGuid().ToString("N"));

    public GroundCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Where object <paramref name="index"/> is on frame <paramref name="t"/> (2 px right per frame).</summary>
    private static (int X, int Y) At(int index, int t) => (s_objects[index].X + (2 * t), s_objects[index].Y);

    [Theory]
    [InlineData("the red square", 0)]
    [InlineData("Which thing is green?", 1)]
    [InlineData("the small BLUE block at the top right", 2)]
    public async Task The_maps_of_a_query_naming_one_colour_peak_on_that_object_in_every_frame(string query, int target)
    {
        (string video, string models) = await Prepare();
        string json = Path.Combine(_root, "report.json");

        (int code, string output, string error) = await Cli.RunAsync("ground", video, "--models", models, "--query", query, "--frames", "8", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("stand-in bundle (NOT a real Qwen2-VL)", error, StringComparison.Ordinal);
        Assert.Contains("maps: 18/18 prompts (100%)", error, StringComparison.Ordinal); // object + background, video + 8 frames
        Assert.Contains("answer: " + s_objects[target].Name + " object", output, StringComparison.Ordinal);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement[] frames = [.. report.RootElement.GetProperty("frames").EnumerateArray()];
        Assert.Equal(Frames, frames.Length);
        Assert.True(report.RootElement.GetProperty("standin").GetBoolean());
        foreach (JsonElement frame in frames)
        {
            int t = frame.GetProperty("index").GetInt32();
            (int x, int y) = At(target, t);
            foreach (string peakName in new[] { "peak", "video_peak" })
            {
                double px = frame.GetProperty(peakName).GetProperty("x").GetDouble();
                double py = frame.GetProperty(peakName).GetProperty("y").GetDouble();
                // The peak is a token cell's centre (28 px video cells, 14 px frame cells): within half a cell of the square.
                Assert.True(px >= x - 14 && px <= x + Side + 14 && py >= y - 14 && py <= y + Side + 14, $"frame {t} {peakName} at ({px}, {py}); {s_objects[target].Name} square at ({x}, {y})");
            }
        }
    }

    [Fact]
    public async Task The_keyframe_box_and_attributes_come_from_greedy_generation_and_land_on_the_named_object()
    {
        (string video, string models) = await Prepare();
        string json = Path.Combine(_root, "report.json");

        (int code, string output, string error) = await Cli.RunAsync(
            "ground", video, "--models", models, "--query", "the green square", "--no-frame-maps", "--box", "--attributes", "--keyframe", "4", "--json", json);

        Assert.True(code == 0, error);
        Assert.Contains("attributes (frame 4): green object", output, StringComparison.Ordinal);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement keyframe = report.RootElement.GetProperty("keyframe");
        Assert.Equal(4, keyframe.GetProperty("index").GetInt32());
        double[] box = [.. keyframe.GetProperty("box").EnumerateArray().Select(v => v.GetDouble())];
        (int x, int y) = At(1, 4);
        double cx = (box[0] + box[2]) / 2;
        double cy = (box[1] + box[3]) / 2;
        Assert.True(cx > x && cx < x + Side && cy > y && cy < y + Side, $"box [{string.Join(", ", box)}], green square at ({x}, {y}); answer {keyframe.GetProperty("box_answer")}");
        Assert.True(box[2] - box[0] <= Side + 28 && box[3] - box[1] <= Side + 28, $"box [{string.Join(", ", box)}] is wider than the square and a cell");
    }

    [Fact]
    public async Task A_query_naming_no_colour_in_the_video_answers_none_and_heatmaps_land_in_three_folders()
    {
        (string video, string models) = await Prepare();
        string heatmaps = Path.Combine(_root, "heat");

        (int code, string output, string error) = await Cli.RunAsync("ground", video, "--models", models, "--query", "the purple bird", "--heatmaps", heatmaps, "--quiet");

        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, error);
        Assert.Contains("answer: none", output, StringComparison.Ordinal);
        foreach (string kind in new[] { "fused", "video", "frame" })
        {
            string[] files = [.. Directory.GetFiles(Path.Combine(heatmaps, kind)).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
            Assert.Equal([.. Enumerable.Range(0, Frames).Select(i => $"{i:D5}.png")], files);
        }

        Media.GrayImage heat = Media.PngDecoder.ReadGray(Path.Combine(heatmaps, "fused", "00000.png"));
        Assert.Equal((W, H), (heat.Width, heat.Height));
    }

    [Fact]
    public async Task Bad_input_exits_2_with_one_clear_message()
    {
        (string video, string models) = await Prepare();

        (int code, _, string error) = await Cli.RunAsync("ground", video, "--models", models, "--query", "   ");
        Assert.Equal(2, code);
        Assert.Contains("--query is empty", error, StringComparison.Ordinal);

        string notBpe = CopyBundle("not-bpe", models);
        File.WriteAllText(Path.Combine(notBpe, "tokenizer.json"), """{"model": {"type": "WordPiece", "vocab": {"[UNK]": 0}}}""");
        (code, _, error) = await Cli.RunAsync("ground", video, "--models", notBpe, "--query", "the red square");
        Assert.Equal(2, code);
        Assert.Contains(Path.Combine(notBpe, "tokenizer.json"), error, StringComparison.Ordinal);

        string noProbe = CopyBundle("no-probe", models);
        EditManifest(noProbe, manifest => manifest["modules"]!["probe"] = manifest["modules"]!["decoder"]!.GetValue<string>());
        (code, _, error) = await Cli.RunAsync("ground", video, "--models", noProbe, "--query", "the red square");
        Assert.Equal(2, code);
        Assert.Contains("rollout_row", error, StringComparison.Ordinal);

        string small = CopyBundle("small-context", models);
        EditManifest(small, manifest => manifest["constants"]!["max_context"] = 200);
        (code, _, error) = await Cli.RunAsync("ground", video, "--models", small, "--query", "the red square", "--frames", "8");
        Assert.Equal(2, code);
        Assert.Contains("takes at most 200; use fewer --frames", error, StringComparison.Ordinal);

        (code, _, error) = await Cli.RunAsync("ground", Path.Combine(_root, "missing.mp4"), "--models", models, "--query", "the red square");
        Assert.Equal(2, code);
        Assert.Contains("missing.mp4", error, StringComparison.Ordinal);
    }

    private string CopyBundle(string name, string models)
    {
        string copy = Path.Combine(_root, name);
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(models))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    private static void EditManifest(string bundle, Action<JsonNode> edit)
    {
        string path = Path.Combine(bundle, "vrs-model.json");
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(path))!;
        edit(manifest);
        File.WriteAllText(path, manifest.ToJsonString());
    }

    private async Task<(string Video, string Models)> Prepare()
    {
        (int code, _, string error) = await Cli.RunAsync("models", "standin", "--out", Path.Combine(_root, "models"));
        Assert.True(code == 0, error);
        string video = Path.Combine(_root, "clip.mp4");
        await Cli.WriteVideoAsync(video, W, H, Frames, (t, x, y) =>
        {
            for (int i = 0; i < s_objects.Length; i++)
            {
                (int ox, int oy) = At(i, t);
                if (x >= ox && x < ox + Side && y >= oy && y < oy + Side)
                {
                    return (s_objects[i].R, s_objects[i].G, s_objects[i].B);
                }
            }

            byte grey = (byte)(90 + ((((x / 10) + (y / 10)) & 1) * 50));
            return (grey, grey, grey);
        });
        return (video, Path.Combine(_root, "models", "lvlm"));
    }
}
