using System.Text.Json.Nodes;
using Vrs.Grounding.Runtime;
using Vrs.Onnx.Contracts;

namespace Vrs.Grounding.Tests.Runtime;

/// <summary>Reading an lvlm manifest's constants: values, soft-prompt forms, and one clear message per mistake.</summary>
public sealed class LvlmSettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vrs-lvlm-settings-" + Guid.NewGuid().ToString("N"));

    public LvlmSettingsTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JsonObject Constants() => new()
    {
        ["architecture"] = "qwen2.5-vl",
        ["model_name"] = "Qwen2.5-VL-7B-Instruct",
        ["tokenizer"] = "tokenizer.json",
        ["hidden_size"] = 3584,
        ["num_layers"] = 28,
        ["num_heads"] = 28,
        ["num_kv_heads"] = 4,
        ["head_dim"] = 128,
        ["vocab_size"] = 152064,
        ["rollout_start_layer"] = 14,
        ["max_context"] = 128000,
        ["patch_size"] = 14,
        ["temporal_patch_size"] = 2,
        ["merge_size"] = 2,
        ["image_mean"] = new JsonArray(0.48145466, 0.4578275, 0.40821073),
        ["image_std"] = new JsonArray(0.26862954, 0.26130258, 0.27577711),
        ["tokens_per_second"] = 2,
    };

    private LvlmSettings Read(JsonObject constants)
    {
        var manifest = new JsonObject
        {
            ["kind"] = "lvlm",
            ["contract_version"] = 1,
            ["modules"] = new JsonObject { ["probe"] = "probe.onnx" },
            ["constants"] = constants,
        };
        File.WriteAllText(Path.Combine(_folder, ModelManifest.FileName), manifest.ToJsonString());
        return LvlmSettings.FromManifest(ModelManifest.Load(_folder));
    }

    [Fact]
    public void A_qwen25_manifest_reads_into_typed_settings_with_its_mrope_options()
    {
        LvlmSettings settings = Read(Constants());

        Assert.Equal(14, settings.RolloutLayers);
        Assert.Equal(1176, settings.Vision.PatchDimension);
        Assert.Null(settings.VideoSoftPrompt);
        Assert.True(settings.Mrope(9, 10).ScaleVideoTime);
        Assert.Equal((9, 10), (settings.Mrope(9, 10).ImagePadId, settings.Mrope(9, 10).VideoPadId));
    }

    [Fact]
    public void One_soft_prompt_spec_serves_both_granularities_and_a_split_form_gives_one_each()
    {
        JsonObject both = Constants();
        both["soft_prompt"] = new JsonObject { ["file"] = "sp.f32", ["rows"] = 64, ["insert"] = "start" };
        LvlmSettings shared = Read(both);
        JsonObject split = Constants();
        split["soft_prompt"] = new JsonObject { ["video"] = new JsonObject { ["file"] = "v.f32", ["rows"] = 8, ["insert"] = "before_question" } };
        LvlmSettings videoOnly = Read(split);

        Assert.Equal(new SoftPromptSpec("sp.f32", 64, SoftPromptInsertion.Start), shared.VideoSoftPrompt);
        Assert.Equal(shared.VideoSoftPrompt, shared.FrameSoftPrompt);
        Assert.Equal(new SoftPromptSpec("v.f32", 8, SoftPromptInsertion.BeforeQuestion), videoOnly.VideoSoftPrompt);
        Assert.Null(videoOnly.FrameSoftPrompt);
    }

    [Theory]
    [InlineData("architecture", "\"llava\"", "constant `architecture` is \"llava\"")]
    [InlineData("rollout_start_layer", "28", "constant `rollout_start_layer` is 28; it must be in [0, num_layers = 28)")]
    [InlineData("num_kv_heads", "5", "num_heads 28 is not a multiple of num_kv_heads 5")]
    [InlineData("patch_size", "16", "the lvlm contract has 1176")]
    [InlineData("image_mean", "[0.5, 0.5]", "constant `image_mean` must hold 3 numbers")]
    [InlineData("hidden_size", "0", "constant `hidden_size` must be a whole number >= 1")]
    [InlineData("soft_prompt", "{\"file\": \"a.f32\", \"rows\": 4, \"insert\": \"middle\"}", "insert \"middle\" is unknown")]
    [InlineData("soft_prompt", "{\"video\": {\"file\": \"a.f32\"}}", "constant `soft_prompt`.video must be")]
    [InlineData("soft_prompt", "{\"audio\": {}}", "key `audio` is unknown")]
    public void A_bad_constant_is_one_message_naming_the_manifest_and_the_constant(string name, string json, string message)
    {
        JsonObject constants = Constants();
        constants[name] = JsonNode.Parse(json);

        ModelManifestException error = Assert.Throws<ModelManifestException>(() => Read(constants));

        Assert.Contains(Path.Combine(_folder, ModelManifest.FileName), error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
