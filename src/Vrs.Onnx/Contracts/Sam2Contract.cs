namespace Vrs.Onnx.Contracts;

/// <summary>
/// The <c>sam2</c> bundle: SAM 2 / 2.1 split into four stateless graphs, all memory-bank bookkeeping in the host
/// (design note <c>sam2-video.md</c> §4). Shapes are for image size 1024: features on a 64×64 grid (stride 16),
/// 256×256 low-resolution mask logits. Dynamic axes: object batch <c>B</c>, points <c>N</c>, spatial memories
/// <c>Nm</c> and object pointers <c>P</c>.
/// </summary>
public static class Sam2Contract
{
    public const string Kind = "sam2";

    public const int Version = 1;

    public const string ImageEncoder = "image_encoder";
    public const string MaskDecoder = "mask_decoder";
    public const string MemoryEncoder = "memory_encoder";
    public const string MemoryAttention = "memory_attention";

    // image_encoder
    public const string Image = "image";
    public const string VisionFeat = "vision_feat";
    public const string VisionFeatNoMem = "vision_feat_nomem";
    public const string HighResFeat0 = "high_res_feat0";
    public const string HighResFeat1 = "high_res_feat1";

    // mask_decoder
    public const string ImageEmbed = "image_embed";
    public const string PointCoords = "point_coords";
    public const string PointLabels = "point_labels";
    public const string MaskInput = "mask_input";
    public const string HasMaskInput = "has_mask_input";
    public const string Masks = "masks";
    public const string IouPred = "iou_pred";
    public const string ObjPtrRaw = "obj_ptr_raw";
    public const string ObjectScoreLogits = "object_score_logits";

    // memory_encoder (vision_feat and object_score_logits as above)
    public const string MaskLogits = "mask_logits";
    public const string Binarize = "binarize";
    public const string MaskmemFeatures = "maskmem_features";

    // memory_attention (vision_feat as above)
    public const string MemFeats = "mem_feats";
    public const string MemTposIdx = "mem_tpos_idx";
    public const string ObjPtrs = "obj_ptrs";
    public const string ObjPtrTpos = "obj_ptr_tpos";
    public const string PixFeatWithMem = "pix_feat_with_mem";

    /// <summary>Model input side; frames are stretched (aspect ratio not kept) to this square.</summary>
    public const int ImageSize = 1024;

    /// <summary>Channels of the stride-16 feature (<c>hidden_dim</c>).</summary>
    public const int HiddenDim = 256;

    /// <summary>Channels of a spatial memory (<c>mem_dim</c>).</summary>
    public const int MemDim = 64;

    /// <summary>Side of the stride-16 feature grid (1024 / 16).</summary>
    public const int FeatureSize = 64;

    /// <summary>Side of the low-resolution mask logits (4 × the feature grid).</summary>
    public const int LowResMaskSize = 256;

    /// <summary>Mask tokens: 0 = single-mask output, 1–3 = multimask outputs.</summary>
    public const int MaskTokens = 4;

    /// <summary>
    /// Manifest constants every sam2 bundle must carry (the export script writes them from the model config; the
    /// host reads them instead of hard-coding the 2.1 defaults).
    /// </summary>
    public static IReadOnlyList<string> RequiredConstants { get; } =
    [
        "image_size",
        "image_mean",
        "image_std",
        "num_maskmem",
        "max_obj_ptrs_in_encoder",
        "mask_threshold",
        "no_obj_score",
        "fill_hole_area",
        "multimask_min_pt_num",
        "multimask_max_pt_num",
        "dynamic_multimask_stability_delta",
        "dynamic_multimask_stability_thresh",
        "sigmoid_scale_for_mem_enc",
        "sigmoid_bias_for_mem_enc",
        "no_obj_ptr",
        "model_version",
    ];

    public static BundleContract Contract { get; } = new(
        Kind,
        Version,
        "SAM 2 / 2.1 video segmentation: image encoder, prompt + mask decoder, memory encoder, memory attention",
        [
            new ModuleContract(
                ImageEncoder,
                [new TensorContract(Image, TensorElementType.Float32, [1, 3, ImageSize, ImageSize])],
                [
                    new TensorContract(VisionFeat, TensorElementType.Float32, [1, HiddenDim, FeatureSize, FeatureSize]),
                    new TensorContract(VisionFeatNoMem, TensorElementType.Float32, [1, HiddenDim, FeatureSize, FeatureSize]),
                    new TensorContract(HighResFeat0, TensorElementType.Float32, [1, 32, 4 * FeatureSize, 4 * FeatureSize]),
                    new TensorContract(HighResFeat1, TensorElementType.Float32, [1, 64, 2 * FeatureSize, 2 * FeatureSize]),
                ]),
            new ModuleContract(
                MaskDecoder,
                [
                    new TensorContract(ImageEmbed, TensorElementType.Float32, ["B", HiddenDim, FeatureSize, FeatureSize]),
                    new TensorContract(HighResFeat0, TensorElementType.Float32, ["B", 32, 4 * FeatureSize, 4 * FeatureSize]),
                    new TensorContract(HighResFeat1, TensorElementType.Float32, ["B", 64, 2 * FeatureSize, 2 * FeatureSize]),
                    new TensorContract(PointCoords, TensorElementType.Float32, ["B", "N", 2]),
                    new TensorContract(PointLabels, TensorElementType.Float32, ["B", "N"]),
                    new TensorContract(MaskInput, TensorElementType.Float32, ["B", 1, LowResMaskSize, LowResMaskSize]),
                    new TensorContract(HasMaskInput, TensorElementType.Float32, ["B"]),
                ],
                [
                    new TensorContract(Masks, TensorElementType.Float32, ["B", MaskTokens, LowResMaskSize, LowResMaskSize]),
                    new TensorContract(IouPred, TensorElementType.Float32, ["B", MaskTokens]),
                    new TensorContract(ObjPtrRaw, TensorElementType.Float32, ["B", MaskTokens, HiddenDim]),
                    new TensorContract(ObjectScoreLogits, TensorElementType.Float32, ["B", 1]),
                ]),
            new ModuleContract(
                MemoryEncoder,
                [
                    new TensorContract(VisionFeat, TensorElementType.Float32, ["B", HiddenDim, FeatureSize, FeatureSize]),
                    new TensorContract(MaskLogits, TensorElementType.Float32, ["B", 1, LowResMaskSize, LowResMaskSize]),
                    new TensorContract(ObjectScoreLogits, TensorElementType.Float32, ["B", 1]),
                    new TensorContract(Binarize, TensorElementType.Float32, ["B"]),
                ],
                [new TensorContract(MaskmemFeatures, TensorElementType.Float32, ["B", MemDim, FeatureSize, FeatureSize])]),
            new ModuleContract(
                MemoryAttention,
                [
                    new TensorContract(VisionFeat, TensorElementType.Float32, ["B", HiddenDim, FeatureSize, FeatureSize]),
                    new TensorContract(MemFeats, TensorElementType.Float32, ["B", "Nm", MemDim, FeatureSize, FeatureSize]),
                    new TensorContract(MemTposIdx, TensorElementType.Int64, ["Nm"]),
                    new TensorContract(ObjPtrs, TensorElementType.Float32, ["B", "P", HiddenDim]),
                    new TensorContract(ObjPtrTpos, TensorElementType.Float32, ["P"]),
                ],
                [new TensorContract(PixFeatWithMem, TensorElementType.Float32, ["B", HiddenDim, FeatureSize, FeatureSize])]),
        ],
        RequiredConstants);
}
