using System.Text.Json;
using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Onnx.Contracts;

namespace Vrs.Grounding.Runtime;

/// <summary>The constants of an <c>lvlm</c> bundle's manifest (<see cref="LvlmContract.RequiredConstants"/>), read and checked once.</summary>
public sealed record LvlmSettings
{
    public const string Qwen2Vl = "qwen2-vl";
    public const string Qwen25Vl = "qwen2.5-vl";

    public required string Architecture { get; init; }

    public required string ModelName { get; init; }

    /// <summary>The tokenizer file's name inside the bundle.</summary>
    public required string TokenizerFile { get; init; }

    public required int HiddenSize { get; init; }

    public required int NumLayers { get; init; }

    public required int NumHeads { get; init; }

    public required int NumKvHeads { get; init; }

    public required int HeadDim { get; init; }

    public required int VocabSize { get; init; }

    /// <summary>DecAF's first rollout layer (the middle layer for the released checkpoints).</summary>
    public required int RolloutStartLayer { get; init; }

    /// <summary>The longest prompt + answer, in tokens, the decoder takes.</summary>
    public required int MaxContext { get; init; }

    public required QwenVisionConfig Vision { get; init; }

    /// <summary>Qwen2.5-VL's <c>vision_config.tokens_per_second</c> (video time scaling of M-RoPE).</summary>
    public required int TokensPerSecond { get; init; }

    /// <summary>Learned rows inserted into video prompts' embeddings, or null for plain prompting.</summary>
    public SoftPromptSpec? VideoSoftPrompt { get; init; }

    /// <summary>Learned rows inserted into frame (single-image) prompts; SteerSeg trains one per granularity.</summary>
    public SoftPromptSpec? FrameSoftPrompt { get; init; }

    public int RolloutLayers => NumLayers - RolloutStartLayer;

    /// <summary>The M-RoPE options of this architecture with the tokenizer's pad ids.</summary>
    public MropeOptions Mrope(int imagePadId, int videoPadId) =>
        (Architecture == Qwen25Vl ? MropeOptions.Qwen25Vl : MropeOptions.Qwen2Vl) with
        {
            ImagePadId = imagePadId,
            VideoPadId = videoPadId,
            SpatialMergeSize = Vision.MergeSize,
            TokensPerSecond = TokensPerSecond,
        };

    /// <exception cref="ModelManifestException">A constant is missing, of the wrong type or out of range; the message names it.</exception>
    public static LvlmSettings FromManifest(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        string file = Path.Combine(manifest.Directory, ModelManifest.FileName);
        string architecture = manifest.GetString("architecture");
        if (architecture is not (Qwen2Vl or Qwen25Vl))
        {
            throw new ModelManifestException($"{file}: constant `architecture` is \"{architecture}\"; vrs knows \"{Qwen2Vl}\" and \"{Qwen25Vl}\".");
        }

        int Positive(string name)
        {
            long value = manifest.GetInt64(name);
            return value is >= 1 and <= int.MaxValue ? (int)value
                : throw new ModelManifestException($"{file}: constant `{name}` must be a whole number >= 1, not {value}.");
        }

        float[] Triple(string name)
        {
            double[] values = manifest.GetDoubleArray(name);
            return values.Length == 3 ? [.. values.Select(v => (float)v)]
                : throw new ModelManifestException($"{file}: constant `{name}` must hold 3 numbers (R, G, B), not {values.Length}.");
        }

        var vision = new QwenVisionConfig
        {
            PatchSize = Positive("patch_size"),
            TemporalPatchSize = Positive("temporal_patch_size"),
            MergeSize = Positive("merge_size"),
            Mean = Triple("image_mean"),
            Std = Triple("image_std"),
        };
        if (vision.PatchDimension != LvlmContract.PatchDimension)
        {
            throw new ModelManifestException($"{file}: patch_size {vision.PatchSize} × temporal_patch_size {vision.TemporalPatchSize} gives {vision.PatchDimension} values per patch; the lvlm contract has {LvlmContract.PatchDimension} (14 × 14 × 2 × 3).");
        }

        var settings = new LvlmSettings
        {
            Architecture = architecture,
            ModelName = manifest.GetString("model_name"),
            TokenizerFile = manifest.GetString("tokenizer"),
            HiddenSize = Positive("hidden_size"),
            NumLayers = Positive("num_layers"),
            NumHeads = Positive("num_heads"),
            NumKvHeads = Positive("num_kv_heads"),
            HeadDim = Positive("head_dim"),
            VocabSize = Positive("vocab_size"),
            RolloutStartLayer = (int)manifest.GetInt64("rollout_start_layer"),
            MaxContext = Positive("max_context"),
            Vision = vision,
            TokensPerSecond = Positive("tokens_per_second"),
        };
        (SoftPromptSpec? video, SoftPromptSpec? frame) = SoftPromptSpec.FromManifest(manifest);
        settings = settings with { VideoSoftPrompt = video, FrameSoftPrompt = frame };
        if (settings.RolloutStartLayer < 0 || settings.RolloutStartLayer >= settings.NumLayers)
        {
            throw new ModelManifestException($"{file}: constant `rollout_start_layer` is {settings.RolloutStartLayer}; it must be in [0, num_layers = {settings.NumLayers}).");
        }

        if (settings.NumHeads % settings.NumKvHeads != 0)
        {
            throw new ModelManifestException($"{file}: num_heads {settings.NumHeads} is not a multiple of num_kv_heads {settings.NumKvHeads}.");
        }

        return settings;
    }
}

/// <summary>Where learned soft-prompt rows go in the prompt.</summary>
public enum SoftPromptInsertion
{
    /// <summary>Before everything (PEFT's prompt-tuning default, "prepended").</summary>
    Start,

    /// <summary>Right after the last <c>&lt;|vision_end|&gt;</c>: between the video and the question.</summary>
    BeforeQuestion,

    /// <summary>Right before the user turn's <c>&lt;|im_end|&gt;</c>: after the question.</summary>
    AfterQuestion,
}

/// <summary>
/// The manifest's optional <c>soft_prompt</c>: one spec <c>{"file": "soft_prompt.f32", "rows": 8, "insert": "before_question"}</c>
/// for every prompt, or <c>{"video": SPEC, "frame": SPEC}</c> (either may be absent) for one per granularity. A file holds
/// rows × hidden_size little-endian float32 values.
/// </summary>
public sealed record SoftPromptSpec(string File, int Rows, SoftPromptInsertion Insertion)
{
    public const string ConstantName = "soft_prompt";

    internal static (SoftPromptSpec? Video, SoftPromptSpec? Frame) FromManifest(ModelManifest manifest)
    {
        if (!manifest.Constants.TryGetValue(ConstantName, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        string where = $"{Path.Combine(manifest.Directory, ModelManifest.FileName)}: constant `{ConstantName}`";
        if (element.ValueKind == JsonValueKind.Object && !element.TryGetProperty("file", out _))
        {
            foreach (JsonProperty property in element.EnumerateObject())
            {
                if (property.Name is not ("video" or "frame"))
                {
                    throw new ModelManifestException($"{where}: key `{property.Name}` is unknown (a spec, or \"video\" and/or \"frame\" specs).");
                }
            }

            return (
                element.TryGetProperty("video", out JsonElement video) ? Parse(video, where + ".video") : null,
                element.TryGetProperty("frame", out JsonElement frame) ? Parse(frame, where + ".frame") : null);
        }

        SoftPromptSpec both = Parse(element, where);
        return (both, both);
    }

    private static SoftPromptSpec Parse(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object
            || !element.TryGetProperty("file", out JsonElement file) || file.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(file.GetString())
            || !element.TryGetProperty("rows", out JsonElement rows) || !rows.TryGetInt32(out int count) || count < 1
            || !element.TryGetProperty("insert", out JsonElement insert) || insert.ValueKind != JsonValueKind.String)
        {
            throw new ModelManifestException($"{where} must be {{\"file\": NAME, \"rows\": N >= 1, \"insert\": \"start\" | \"before_question\" | \"after_question\"}}.");
        }

        SoftPromptInsertion insertion = insert.GetString() switch
        {
            "start" => SoftPromptInsertion.Start,
            "before_question" => SoftPromptInsertion.BeforeQuestion,
            "after_question" => SoftPromptInsertion.AfterQuestion,
            var other => throw new ModelManifestException($"{where}: insert \"{other}\" is unknown (start, before_question, after_question)."),
        };
        return new SoftPromptSpec(file.GetString()!, count, insertion);
    }
}
