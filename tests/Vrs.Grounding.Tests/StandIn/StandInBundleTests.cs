using System.Text.Json;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Prompting;
using Vrs.Grounding.StandIn;
using Vrs.Onnx;
using Vrs.Onnx.Contracts;
using C = Vrs.Onnx.Contracts.LvlmContract;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>The stand-in bundle against the lvlm contract, and its manifest constants against what the sessions compute.</summary>
public sealed class StandInBundleTests
{
    private static readonly float[][] s_red = [[1f, 0f, 0f]];
    private static readonly float[][] s_grey = [[0.5f, 0.5f, 0.5f]];

    [Fact]
    public void The_stand_in_bundle_matches_the_lvlm_contract()
    {
        BundleCheckResult result = BundleChecker.Check(StandInFiles.Directory, settings: StandInFiles.Sessions);
        Assert.True(result.IsValid, result.Message);
        Assert.Equal(C.Kind, result.Manifest!.Kind);
        Assert.All(C.RequiredConstants, name => Assert.True(result.Manifest.Constants.ContainsKey(name), name));
    }

    [Fact]
    public void The_stand_in_says_it_is_a_stand_in_everywhere()
    {
        ModelManifest manifest = ModelManifest.Load(StandInFiles.Directory);
        Assert.True(manifest.Standin);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(StandInFiles.Directory, ModelManifest.FileName)));
        Assert.Contains("NOT the real model", json.RootElement.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.False(manifest.Constants.ContainsKey("soft_prompt"));
        foreach (string module in LvlmStandIn.ModuleFiles.Keys)
        {
            using InferenceSession session = StandInFiles.Open(module);
            Assert.Equal("true", session.Metadata.CustomMetadata["vrs.stand_in"]);
        }
    }

    [Fact]
    public void The_manifest_constants_are_the_sizes_the_sessions_produce()
    {
        ModelManifest manifest = ModelManifest.Load(StandInFiles.Directory);
        Assert.Equal("qwen2-vl", manifest.GetString("architecture"));
        Assert.Equal("vrs-standin-lvlm", manifest.GetString("model_name"));
        Assert.True(File.Exists(Path.Combine(StandInFiles.Directory, manifest.GetString("tokenizer"))));
        Assert.Equal(StandInFiles.Tokenizer.VocabularySize, manifest.GetInt64("vocab_size"));
        Assert.Equal(QwenVisionConfig.Default.Mean, manifest.GetDoubleArray("image_mean").Select(v => (float)v));
        Assert.Equal(QwenVisionConfig.Default.Std, manifest.GetDoubleArray("image_std").Select(v => (float)v));
        Assert.Equal(14, manifest.GetInt64("patch_size"));
        Assert.Equal(2, manifest.GetInt64("temporal_patch_size"));
        Assert.Equal(2, manifest.GetInt64("merge_size"));
        Assert.Equal(2, manifest.GetInt64("tokens_per_second"));
        Assert.Equal(4096, manifest.GetInt64("max_context"));

        long hidden = manifest.GetInt64("hidden_size");
        long layers = manifest.GetInt64("num_layers");
        long rolloutLayers = layers - manifest.GetInt64("rollout_start_layer");
        using var runner = new StandInRunner();
        VisionInput image = StandInRunner.Image([s_red, s_grey]);
        Assert.Equal(2 * hidden, runner.Vision(image).Length);
        (QwenModelInputs inputs, float[] embeddings) = runner.Prefill(image, "What is the red object?");
        long s = inputs.Prompt.InputIds.Length;
        Assert.Equal(s * hidden, embeddings.Length);
        using RunResult probe = runner.Probe(inputs, embeddings);
        Assert.Equal([1, 1, manifest.GetInt64("vocab_size")], probe.GetShape(C.Logits));
        long[] cache = [layers, 1, manifest.GetInt64("num_kv_heads"), s, manifest.GetInt64("head_dim")];
        Assert.Equal(cache, probe.GetShape(C.PresentKeys));
        Assert.Equal(cache, probe.GetShape(C.PresentValues));
        Assert.Equal([1, s], probe.GetShape(C.RolloutRow));
        Assert.Equal([rolloutLayers, manifest.GetInt64("num_heads"), s], probe.GetShape(C.QueryAttention));
    }
}
