using System.Text.Json.Nodes;
using Vrs.Grounding.Maps;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Rollout;
using Vrs.Grounding.Runtime;
using Vrs.Grounding.Tests.StandIn;
using Vrs.Media.Video;
using Vrs.Onnx.Contracts;

namespace Vrs.Grounding.Tests.Runtime;

/// <summary>
/// The host runtime on the stand-in bundle through ONNX Runtime: soft-prompt rows reach the model at their slot,
/// generation stops where it should, and a bundle that lies about itself is refused with one message.
/// </summary>
public sealed class LvlmRuntimeTests : IDisposable
{
    private const int Size = 112;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-lvlm-runtime-" + Guid.NewGuid().ToString("N"));

    public LvlmRuntimeTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Two 112×112 frames: a red 56×56 block top-left, a blue one bottom-right, on grey.</summary>
    private static List<RgbFrame> Frames()
    {
        var frames = new List<RgbFrame>();
        for (int t = 0; t < 2; t++)
        {
            var frame = new RgbFrame(Size, Size);
            for (int y = 0; y < Size; y++)
            {
                for (int x = 0; x < Size; x++)
                {
                    (byte r, byte g, byte b) = (x < 56 && y < 56) ? ((byte)230, (byte)20, (byte)20) : (x >= 56 && y >= 56) ? ((byte)20, (byte)20, (byte)230) : ((byte)128, (byte)128, (byte)128);
                    int p = ((y * Size) + x) * 3;
                    (frame.Pixels[p], frame.Pixels[p + 1], frame.Pixels[p + 2]) = (r, g, b);
                }
            }

            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>A copy of the stand-in bundle whose manifest gets <paramref name="softPrompt"/> and the file <paramref name="rows"/>.</summary>
    private string BundleWithSoftPrompt(JsonNode softPrompt, float[] rows)
    {
        string copy = Path.Combine(_root, "bundle");
        Directory.CreateDirectory(copy);
        foreach (string file in Directory.GetFiles(StandInFiles.Directory))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        File.WriteAllBytes(Path.Combine(copy, "soft.f32"), [.. rows.SelectMany(BitConverter.GetBytes)]);
        string manifestPath = Path.Combine(copy, ModelManifest.FileName);
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["constants"]!["soft_prompt"] = softPrompt;
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        return copy;
    }

    /// <summary>One soft row meaning "red" in the stand-in's layout (channel 16 is the first colour word, red).</summary>
    private static float[] RedRow()
    {
        var row = new float[24];
        row[16] = 1f;
        return row;
    }

    private static GroundingResult Ground(LvlmModel model, string query) =>
        new VideoGrounder(model, new GroundingOptions { FrameMaps = false, BackgroundContrast = false }).Ground(Frames(), [0, 1], query);

    [Fact]
    public void Without_a_soft_prompt_a_colourless_query_finds_nothing_and_a_red_soft_row_steers_the_map_to_red()
    {
        using LvlmModel plain = LvlmModel.Open(StandInFiles.Directory, StandInFiles.Sessions);
        GroundingResult before = Ground(plain, "the thing on screen");
        using LvlmModel steered = LvlmModel.Open(
            BundleWithSoftPrompt(new JsonObject { ["file"] = "soft.f32", ["rows"] = 1, ["insert"] = "before_question" }, RedRow()), StandInFiles.Sessions);
        GroundingResult after = Ground(steered, "the thing on screen");

        Assert.Equal("none", before.ObjectAnswer);
        Assert.Equal("red object", after.ObjectAnswer);
        Assert.Equal("stand-in bundle (NOT a real Qwen2-VL) (+soft prompts)", steered.Label);
        // The 112×112 frames are a 4×4 token grid; red covers the top-left 2×2 cells.
        TokenMap map = after.VideoMap;
        for (int t = 0; t < map.Frames; t++)
        {
            float red = Math.Min(Math.Min(map[t, 0, 0], map[t, 0, 1]), Math.Min(map[t, 1, 0], map[t, 1, 1]));
            float blue = Math.Max(Math.Max(map[t, 2, 2], map[t, 2, 3]), Math.Max(map[t, 3, 2], map[t, 3, 3]));
            Assert.True(red > blue + 0.5f, $"frame {t}: red cells {red}, blue cells {blue}");
        }
    }

    [Theory]
    [InlineData("start")]
    [InlineData("before_question")]
    [InlineData("after_question")]
    public void Soft_rows_take_text_positions_at_their_slot_and_the_vision_span_moves_past_them(string insert)
    {
        using LvlmModel model = LvlmModel.Open(BundleWithSoftPrompt(new JsonObject { ["file"] = "soft.f32", ["rows"] = 2, ["insert"] = insert }, [.. RedRow(), .. RedRow()]), StandInFiles.Sessions);
        using LvlmModel plain = LvlmModel.Open(StandInFiles.Directory, StandInFiles.Sessions);
        VisionInput video = new QwenVisionPreprocessor(model.Settings.Vision).PreprocessVideo(Frames(), PixelLimits.Default);

        LvlmPrompt with = LvlmPrompt.Build(model, video, isVideo: true, "the thing", answerBudget: 8);
        LvlmPrompt without = LvlmPrompt.Build(plain, video, isVideo: true, "the thing", answerBudget: 8);

        int expectedSlot = insert switch
        {
            "start" => 0,
            "before_question" => Array.LastIndexOf(without.InputIds, plain.Specials.VisionEnd) + 1,
            _ => Array.IndexOf(without.InputIds, plain.Specials.ImEnd, Array.LastIndexOf(without.InputIds, plain.Specials.VisionEnd)),
        };
        Assert.Equal(expectedSlot, with.SoftStart);
        Assert.Equal(without.InputIds.Length + 2, with.InputIds.Length);
        Assert.Equal(without.Vision.Start + (insert == "start" ? 2 : 0), with.Vision.Start);
        // Text positions: the two slots count like two text tokens, on all three axes.
        for (int axis = 0; axis < 3; axis++)
        {
            long previous = with.SoftStart == 0 ? -1 : with.Positions.Axis(axis)[with.SoftStart - 1];
            Assert.Equal(previous + 1, with.Positions.Axis(axis)[with.SoftStart]);
            Assert.Equal(previous + 2, with.Positions.Axis(axis)[with.SoftStart + 1]);
        }

        float[] embeddings = with.Embeddings(model);
        Assert.Equal(RedRow(), embeddings.AsSpan((with.SoftStart + 1) * 24, 24).ToArray());
    }

    [Fact]
    public void Prompts_over_the_same_frames_can_share_one_vision_encoder_run()
    {
        using LvlmModel model = LvlmModel.Open(StandInFiles.Directory, StandInFiles.Sessions);
        VisionInput video = new QwenVisionPreprocessor(model.Settings.Vision).PreprocessVideo(Frames(), PixelLimits.Default);
        float[] rows = model.EncodeVision(video);
        LvlmPrompt objectPrompt = LvlmPrompt.Build(model, video, isVideo: true, "the red one", answerBudget: 8);
        LvlmPrompt backgroundPrompt = LvlmPrompt.Build(model, video, isVideo: true, "everything but the red one", answerBudget: 8);

        Assert.Equal(objectPrompt.Embeddings(model), objectPrompt.Embeddings(model, rows));
        Assert.Equal(backgroundPrompt.Embeddings(model), backgroundPrompt.Embeddings(model, rows));
        Assert.Throws<ArgumentException>(() => objectPrompt.Embeddings(model, rows[..^24]));
    }

    [Fact]
    public void Onnx_time_starts_at_zero_and_grows_with_every_module_run()
    {
        using LvlmModel model = LvlmModel.Open(StandInFiles.Directory, StandInFiles.Sessions);
        Assert.Equal(TimeSpan.Zero, model.OnnxTime);

        model.Embed([1, 2, 3]);
        TimeSpan afterEmbed = model.OnnxTime;
        model.EncodeVision(new QwenVisionPreprocessor(model.Settings.Vision).PreprocessImage(Frames()[0], PixelLimits.Default));

        Assert.True(afterEmbed > TimeSpan.Zero, "an embed run is counted");
        Assert.True(model.OnnxTime > afterEmbed, "a vision-encoder run adds to it");
    }

    [Fact]
    public void Generation_stops_at_the_stop_token_or_after_max_new_tokens()
    {
        using LvlmModel model = LvlmModel.Open(StandInFiles.Directory, StandInFiles.Sessions);
        VisionInput image = new QwenVisionPreprocessor(model.Settings.Vision).PreprocessImage(Frames()[0], PixelLimits.Default);
        LvlmPrompt prompt = LvlmPrompt.Build(model, image, isVideo: false, "Output the bounding box of the red square", answerBudget: 32);
        (int start, int length) = prompt.VisualRange;
        using ProbeOutput probe = model.Probe(prompt.Embeddings(model), prompt.Positions.Positions, start, length);

        GeneratedAnswer whole = GreedyGenerator.Generate(model, probe, prompt.Positions, maxNewTokens: 32);
        GeneratedAnswer cut = GreedyGenerator.Generate(model, probe, prompt.Positions, maxNewTokens: 3);

        Assert.Equal(GenerationStop.StopToken, whole.Stop);
        Assert.Equal("(000,000),(500,500)", whole.Text);
        Assert.Equal(GenerationStop.MaxTokens, cut.Stop);
        Assert.Equal(whole.TokenIds[..3], cut.TokenIds);
    }

    [Fact]
    public void A_soft_prompt_file_of_the_wrong_size_is_refused_naming_the_file()
    {
        string bundle = BundleWithSoftPrompt(new JsonObject { ["file"] = "soft.f32", ["rows"] = 2, ["insert"] = "start" }, RedRow());

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => LvlmModel.Open(bundle, StandInFiles.Sessions));

        Assert.Equal($"{Path.Combine(bundle, "soft.f32")}: 96 bytes, but 2 rows × hidden_size 24 float32 need 192.", error.Message);
    }

    [Fact]
    public void A_manifest_constant_that_disagrees_with_the_sessions_is_a_contract_error()
    {
        string bundle = BundleWithSoftPrompt(JsonValue.Create((string?)null)!, []);
        string manifestPath = Path.Combine(bundle, ModelManifest.FileName);
        JsonNode manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        manifest["constants"]!["hidden_size"] = 32;
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        ModelContractException error = Assert.Throws<ModelContractException>(() => LvlmModel.Open(bundle, StandInFiles.Sessions));

        Assert.Contains("but the manifest's `hidden_size` is 32", error.Message, StringComparison.Ordinal);
    }
}
