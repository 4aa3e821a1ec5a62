using System.Globalization;
using Vrs.Onnx.Contracts;

namespace Vrs.Segmentation;

/// <summary>
/// The hyper-parameters of a sam2 bundle, read from its manifest constants (defaults are the SAM 2.1 configs
/// with <c>build_sam2_video_predictor(apply_postprocessing=True)</c>).
/// </summary>
public sealed record Sam2Settings
{
    public int ImageSize { get; init; } = Sam2Contract.ImageSize;

    /// <summary>ImageNet mean, RGB.</summary>
    public IReadOnlyList<float> ImageMean { get; init; } = [0.485f, 0.456f, 0.406f];

    public IReadOnlyList<float> ImageStd { get; init; } = [0.229f, 0.224f, 0.225f];

    /// <summary>1 conditioning slot + 6 recent frames.</summary>
    public int NumMaskmem { get; init; } = 7;

    public int MaxObjectPointers { get; init; } = 16;

    /// <summary>Logits above this are foreground.</summary>
    public float MaskThreshold { get; init; }

    /// <summary>Mask logits of an absent object (NO_OBJ_SCORE).</summary>
    public float NoObjectScore { get; init; } = -1024f;

    /// <summary>Background holes of at most this many pixels (8-connected, on the 256×256 logits) are filled; 0 = off.</summary>
    public int FillHoleArea { get; init; } = 8;

    public int MultimaskMinPoints { get; init; }

    public int MultimaskMaxPoints { get; init; } = 1;

    public float StabilityDelta { get; init; } = 0.05f;

    public float StabilityThreshold { get; init; } = 0.98f;

    public float SigmoidScaleForMemoryEncoder { get; init; } = 20f;

    public float SigmoidBiasForMemoryEncoder { get; init; } = -10f;

    /// <summary>The pointer of a frame where the object is absent (fixed_no_obj_ptr).</summary>
    public IReadOnlyList<float> NoObjectPointer { get; init; } = new float[Sam2Contract.HiddenDim];

    /// <summary>The checkpoint's name as the export script writes it (e.g. <c>sam2.1_hiera_large</c>; the stand-in says <c>2.1</c>); shown to users, never parsed.</summary>
    public string ModelVersion { get; init; } = "2.1";

    public static Sam2Settings FromManifest(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var settings = new Sam2Settings
        {
            ImageSize = (int)manifest.GetInt64("image_size"),
            ImageMean = Floats(manifest, "image_mean", 3),
            ImageStd = Floats(manifest, "image_std", 3),
            NumMaskmem = (int)manifest.GetInt64("num_maskmem"),
            MaxObjectPointers = (int)manifest.GetInt64("max_obj_ptrs_in_encoder"),
            MaskThreshold = (float)manifest.GetDouble("mask_threshold"),
            NoObjectScore = (float)manifest.GetDouble("no_obj_score"),
            FillHoleArea = (int)manifest.GetInt64("fill_hole_area"),
            MultimaskMinPoints = (int)manifest.GetInt64("multimask_min_pt_num"),
            MultimaskMaxPoints = (int)manifest.GetInt64("multimask_max_pt_num"),
            StabilityDelta = (float)manifest.GetDouble("dynamic_multimask_stability_delta"),
            StabilityThreshold = (float)manifest.GetDouble("dynamic_multimask_stability_thresh"),
            SigmoidScaleForMemoryEncoder = (float)manifest.GetDouble("sigmoid_scale_for_mem_enc"),
            SigmoidBiasForMemoryEncoder = (float)manifest.GetDouble("sigmoid_bias_for_mem_enc"),
            NoObjectPointer = Floats(manifest, "no_obj_ptr", Sam2Contract.HiddenDim),
            ModelVersion = manifest.GetString("model_version"),
        };
        string file = Path.Combine(manifest.Directory, ModelManifest.FileName);
        if (settings.ImageSize != Sam2Contract.ImageSize)
        {
            throw new ModelManifestException($"{file}: image_size is {settings.ImageSize}; the sam2 contract v{Sam2Contract.Version} is for {Sam2Contract.ImageSize}.");
        }

        if (settings.NumMaskmem < 1 || settings.MaxObjectPointers < 1)
        {
            throw new ModelManifestException($"{file}: num_maskmem and max_obj_ptrs_in_encoder must be at least 1.");
        }

        return settings;
    }

    /// <summary>The manifest constants of these settings (what an export script writes).</summary>
    public Dictionary<string, object> ToManifestConstants() => new(StringComparer.Ordinal)
    {
        ["image_size"] = ImageSize,
        ["image_mean"] = ImageMean,
        ["image_std"] = ImageStd,
        ["num_maskmem"] = NumMaskmem,
        ["max_obj_ptrs_in_encoder"] = MaxObjectPointers,
        ["mask_threshold"] = MaskThreshold,
        ["no_obj_score"] = NoObjectScore,
        ["fill_hole_area"] = FillHoleArea,
        ["multimask_min_pt_num"] = MultimaskMinPoints,
        ["multimask_max_pt_num"] = MultimaskMaxPoints,
        ["dynamic_multimask_stability_delta"] = StabilityDelta,
        ["dynamic_multimask_stability_thresh"] = StabilityThreshold,
        ["sigmoid_scale_for_mem_enc"] = SigmoidScaleForMemoryEncoder,
        ["sigmoid_bias_for_mem_enc"] = SigmoidBiasForMemoryEncoder,
        ["no_obj_ptr"] = NoObjectPointer,
        ["model_version"] = ModelVersion,
    };

    private static float[] Floats(ModelManifest manifest, string name, int length)
    {
        double[] values = manifest.GetDoubleArray(name);
        if (values.Length != length)
        {
            throw new ModelManifestException(
                $"{Path.Combine(manifest.Directory, ModelManifest.FileName)}: constant `{name}` has {values.Length.ToString(CultureInfo.InvariantCulture)} values, expected {length.ToString(CultureInfo.InvariantCulture)}.");
        }

        return [.. values.Select(v => (float)v)];
    }
}
