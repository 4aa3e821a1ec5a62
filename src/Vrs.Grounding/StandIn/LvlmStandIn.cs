using System.Text.Json;
using Vrs.Grounding.Preprocessing;
using Vrs.Onnx.Contracts;
using Vrs.Onnx.Graph;
using C = Vrs.Onnx.Contracts.LvlmContract;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// Writes vrs's stand-in <c>lvlm</c> bundle: the four modules with exactly the real contract but tiny analytic
/// computations over a 24-channel layout (<see cref="StandInLayout"/>), and its own byte-level BPE
/// <c>tokenizer.json</c>, so the whole LVLM host path (prompt, vision, probe with rollout, greedy decoding with the KV
/// cache) runs through ONNX Runtime on synthetic videos of coloured shapes (named by hue, chroma and lightness:
/// <see cref="StandInPalette"/>). It is NOT Qwen2-VL: the manifest says
/// <c>"standin": true</c> and every module carries <c>vrs.stand_in = true</c> metadata.
/// <list type="bullet">
/// <item>vision_encoder (<see cref="VisionEncoderGraph"/>): a cell's mean colour, centre, size and time.</item>
/// <item>embed_tokens (<see cref="EmbedTokensGraph"/>): colour, box, negation and keyframe words, digits and
/// <c>&lt;|im_start|&gt;</c> flagged.</item>
/// <item>probe (<see cref="ProbeGraph"/>): attention from named colours to matching vision rows, in-graph rollout.</item>
/// <item>decoder (<see cref="DecoderGraph"/>): appends to the cache and runs the answer head (<see cref="AnswerHeadGraph"/>):
/// "red object", a box in Qwen2-VL's 0–1000 format when the question says box, Veason-R1's keyframe JSON when it
/// asks for a timestamp (<see cref="KeyframeAnswerGraph"/>), or "none".</item>
/// </list>
/// </summary>
public static class LvlmStandIn
{
    public const string Description =
        "vrs stand-in for Qwen2-VL (NOT the real model): colour-word attention and a scripted colour/box answer with the real lvlm contract, for tests on synthetic videos";

    public const string TokenizerFile = "tokenizer.json";

    public const int NumLayers = 4;

    public const int RolloutStartLayer = 2;

    public static IReadOnlyDictionary<string, string> ModuleFiles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [C.VisionEncoder] = "vision_encoder.onnx",
        [C.EmbedTokens] = "embed_tokens.onnx",
        [C.Decoder] = "decoder.onnx",
        [C.Probe] = "probe.onnx",
    };

    /// <summary>Writes the bundle into <paramref name="directory"/> (created if needed) and returns its path.</summary>
    public static string Write(string directory)
    {
        var writer = new StandInBundleWriter(directory);
        var tokenizer = StandInTokenizer.Create();
        QwenVisionConfig vision = QwenVisionConfig.Default;
        writer.WriteFile(TokenizerFile, tokenizer.ToJson());
        writer.WriteFile(ModuleFiles[C.VisionEncoder], Build(VisionEncoderGraph.Build(vision)));
        writer.WriteFile(ModuleFiles[C.EmbedTokens], Build(EmbedTokensGraph.Build(tokenizer)));
        writer.WriteFile(ModuleFiles[C.Decoder], Build(DecoderGraph.Build(tokenizer, NumLayers)));
        writer.WriteFile(ModuleFiles[C.Probe], Build(ProbeGraph.Build(tokenizer, NumLayers, RolloutStartLayer)));
        return writer.WriteManifest(C.Contract, Description, ModuleFiles, Constants(tokenizer, vision));
    }

    private static Dictionary<string, object> Constants(StandInTokenizer tokenizer, QwenVisionConfig vision) => new(StringComparer.Ordinal)
    {
        ["architecture"] = "qwen2-vl",
        ["model_name"] = "vrs-standin-lvlm",
        ["tokenizer"] = TokenizerFile,
        ["hidden_size"] = StandInLayout.HiddenSize,
        ["num_layers"] = NumLayers,
        ["num_heads"] = ProbeGraph.HeadSharpness.Count,
        ["num_kv_heads"] = 1,
        ["head_dim"] = StandInLayout.HiddenSize, // the cache holds the rows themselves
        ["vocab_size"] = tokenizer.Size,
        ["rollout_start_layer"] = RolloutStartLayer,
        ["max_context"] = 4096,
        ["patch_size"] = vision.PatchSize,
        ["temporal_patch_size"] = vision.TemporalPatchSize,
        ["merge_size"] = vision.MergeSize,
        ["image_mean"] = vision.Mean,
        ["image_std"] = vision.Std,
        ["tokens_per_second"] = 2,
    };

    private static byte[] Build(GraphBuilder g) => g.Build(metadata: new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["vrs.stand_in"] = "true",
        ["vrs.description"] = Description,
    });

}
