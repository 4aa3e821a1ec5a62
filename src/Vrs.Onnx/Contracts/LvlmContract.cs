namespace Vrs.Onnx.Contracts;

/// <summary>
/// The <c>lvlm</c> bundle: Qwen2-VL / Qwen2.5-VL split into four graphs (design note <c>lvlm-grounding.md</c> §7),
/// with the tokenizer (<c>tokenizer.json</c>) beside them. Sizes that differ between checkpoints are free dims here
/// (<see cref="ContractDim.Sized"/>: fixed or dynamic in the export) and, when fixed, must equal the manifest constants:
/// <c>D</c> = hidden_size, <c>L</c> = num_layers, <c>KV</c> = num_kv_heads, <c>Dh</c> = head_dim, <c>V</c> = vocab_size,
/// <c>H</c> = num_heads, <c>R</c> = num_layers − rollout_start_layer.
/// <list type="bullet">
/// <item><c>vision_encoder</c>: the ViT and merger over flattened patches (one row per 14-px patch, 2 frames deep,
/// channel-major, as the HF processor); one output row per merged 2×2 cell, in raster (t, h, w) order.</item>
/// <item><c>embed_tokens</c>: token ids → input embeddings. The host scatters the vision rows into the pad positions
/// and soft-prompt rows into theirs.</item>
/// <item><c>decoder</c>: one decoding step (or any chunk) with the KV cache of every layer packed in one tensor.</item>
/// <item><c>probe</c>: the prefill (no past), returning only the last position's logits (all generation needs; S × V
/// would be gigabytes), and also DecAF's V-Max rollout row of the last position
/// (layers rollout_start_layer … L−1, attention recomputed in float32) and the raw attention rows of the last position
/// for those layers. Its K/V outputs seed the decoder, so generation needs no second prefill.</item>
/// </list>
/// </summary>
public static class LvlmContract
{
    public const string Kind = "lvlm";

    public const int Version = 1;

    public const string VisionEncoder = "vision_encoder";
    public const string EmbedTokens = "embed_tokens";
    public const string Decoder = "decoder";
    public const string Probe = "probe";

    // vision_encoder
    public const string PixelValues = "pixel_values";
    public const string GridThw = "grid_thw";
    public const string ImageEmbeds = "image_embeds";

    // embed_tokens
    public const string InputIds = "input_ids";
    public const string InputsEmbeds = "inputs_embeds";

    // decoder and probe
    public const string AttentionMask = "attention_mask";
    public const string PositionIds = "position_ids";
    public const string PastKeys = "past_keys";
    public const string PastValues = "past_values";
    public const string Logits = "logits";
    public const string PresentKeys = "present_keys";
    public const string PresentValues = "present_values";

    // probe only
    public const string VisualSpan = "visual_span";
    public const string RolloutRow = "rollout_row";
    public const string QueryAttention = "query_attention";

    /// <summary>Columns of <c>pixel_values</c>: 3 channels × temporal patch 2 × 14 × 14 (Qwen2-VL and Qwen2.5-VL).</summary>
    public const int PatchDimension = 1176;

    /// <summary>
    /// Manifest constants every lvlm bundle carries (the export script writes them from the HF config; the stand-in
    /// writes its own). <c>architecture</c> is <c>qwen2-vl</c> or <c>qwen2.5-vl</c>; <c>tokenizer</c> is the file
    /// name of the bundle's <c>tokenizer.json</c>; <c>max_context</c> is the longest prompt + answer the decoder
    /// accepts. Optional: <c>soft_prompt</c> (<c>{"file", "rows", "insert"}</c>).
    /// </summary>
    public static IReadOnlyList<string> RequiredConstants { get; } =
    [
        "architecture",
        "model_name",
        "tokenizer",
        "hidden_size",
        "num_layers",
        "num_heads",
        "num_kv_heads",
        "head_dim",
        "vocab_size",
        "rollout_start_layer",
        "max_context",
        "patch_size",
        "temporal_patch_size",
        "merge_size",
        "image_mean",
        "image_std",
        "tokens_per_second",
    ];

    private static readonly ContractDim s_hidden = ContractDim.Sized("D", "hidden_size");
    private static readonly ContractDim s_layers = ContractDim.Sized("L", "num_layers");
    private static readonly ContractDim s_kvHeads = ContractDim.Sized("KV", "num_kv_heads");
    private static readonly ContractDim s_headDim = ContractDim.Sized("Dh", "head_dim");
    private static readonly ContractDim s_vocab = ContractDim.Sized("V", "vocab_size");
    private static readonly ContractDim s_heads = ContractDim.Sized("H", "num_heads");
    private static readonly ContractDim s_rolloutLayers = ContractDim.Sized("R");

    public static BundleContract Contract { get; } = new(
        Kind,
        Version,
        "Qwen2-VL / Qwen2.5-VL: vision encoder, token embedding, decoder with packed KV cache, prefill with attention probe",
        [
            new ModuleContract(
                VisionEncoder,
                [
                    new TensorContract(PixelValues, TensorElementType.Float32, ["Np", PatchDimension]),
                    new TensorContract(GridThw, TensorElementType.Int64, ["G", 3]),
                ],
                [new TensorContract(ImageEmbeds, TensorElementType.Float32, ["Nt", s_hidden])]),
            new ModuleContract(
                EmbedTokens,
                [new TensorContract(InputIds, TensorElementType.Int64, [1, "S"])],
                [new TensorContract(InputsEmbeds, TensorElementType.Float32, [1, "S", s_hidden])]),
            new ModuleContract(
                Decoder,
                [
                    new TensorContract(InputsEmbeds, TensorElementType.Float32, [1, "S", s_hidden]),
                    new TensorContract(AttentionMask, TensorElementType.Int64, [1, "T"]),
                    new TensorContract(PositionIds, TensorElementType.Int64, [3, 1, "S"]),
                    new TensorContract(PastKeys, TensorElementType.Float32, [s_layers, 1, s_kvHeads, "P", s_headDim]),
                    new TensorContract(PastValues, TensorElementType.Float32, [s_layers, 1, s_kvHeads, "P", s_headDim]),
                ],
                [
                    new TensorContract(Logits, TensorElementType.Float32, [1, "S", s_vocab]),
                    new TensorContract(PresentKeys, TensorElementType.Float32, [s_layers, 1, s_kvHeads, "T", s_headDim]),
                    new TensorContract(PresentValues, TensorElementType.Float32, [s_layers, 1, s_kvHeads, "T", s_headDim]),
                ]),
            new ModuleContract(
                Probe,
                [
                    new TensorContract(InputsEmbeds, TensorElementType.Float32, [1, "S", s_hidden]),
                    new TensorContract(AttentionMask, TensorElementType.Int64, [1, "S"]),
                    new TensorContract(PositionIds, TensorElementType.Int64, [3, 1, "S"]),
                    new TensorContract(VisualSpan, TensorElementType.Int64, [2]),
                ],
                [
                    new TensorContract(Logits, TensorElementType.Float32, [1, 1, s_vocab]),
                    new TensorContract(PresentKeys, TensorElementType.Float32, [s_layers, 1, s_kvHeads, "S", s_headDim]),
                    new TensorContract(PresentValues, TensorElementType.Float32, [s_layers, 1, s_kvHeads, "S", s_headDim]),
                    new TensorContract(RolloutRow, TensorElementType.Float32, [1, "S"]),
                    new TensorContract(QueryAttention, TensorElementType.Float32, [s_rolloutLayers, s_heads, "S"]),
                ]),
        ],
        RequiredConstants);
}
