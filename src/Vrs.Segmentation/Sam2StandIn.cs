using System.Text.Json;
using Vrs.Onnx;
using Vrs.Onnx.Contracts;
using Vrs.Onnx.Graph;
using C = Vrs.Onnx.Contracts.Sam2Contract;

namespace Vrs.Segmentation;

/// <summary>
/// Writes vrs's stand-in <c>sam2</c> bundle: the four modules with exactly the real contract (names, types, ranks,
/// fixed sizes) but tiny analytic computations instead of SAM 2's networks, so the whole host algorithm runs
/// through ONNX Runtime on synthetic videos of solid-colour objects. It is NOT SAM 2: the manifest says
/// <c>"standin": true</c> and every module carries <c>vrs.stand_in = true</c> metadata.
/// <list type="bullet">
/// <item>image encoder: the frame's colour (RGB in [0, 1], average-pooled) in channels 0–2 of every feature level;
/// <c>no_mem_embed</c> sets channel 255.</item>
/// <item>mask decoder: a target colour from the prompt (mean colour under the positive clicks, the colour at the box
/// centre) or, with no prompt, from the memory channels 3–6 that memory attention wrote; logits = 400·(τ² − d²)
/// with d the RGB distance to the target on the 256×256 grid and τ = 0.2 (token 0), 0.12 / 0.2 / 0.3 (tokens
/// 1–3); outside a box and near the colour of a negative click the logits are pushed down. Predicted IoU is a
/// fixed table (token 2 best); the object score is (#foreground cells − 3.5), so an object whose colour is
/// nowhere in the frame scores as absent; the pointer holds the target colour and a validity flag (channel 3).
/// The dense prompt (mask_input) is accepted and ignored.</item>
/// <item>memory encoder: the mean frame colour under the mask (binarized or sigmoid) in channels 0–2, presence in
/// channel 3, its complement (the no-object embedding) in channel 4, the pooled mask in channel 5.</item>
/// <item>memory attention: the weighted mean colour of the present memories (conditioning slot weight 4, recent
/// slots 1) and valid pointers (weight 1 / (1 + normalized distance)), written to channels 3–5 with a flag in 6.</item>
/// </list>
/// </summary>
public static class Sam2StandIn
{
    public const string Description =
        "vrs stand-in for SAM 2 (NOT the real model): analytic colour-similarity segmentation and colour memory with the real sam2 contract, for tests on synthetic videos";

    private const float Tau = 0.2f;
    private const float Sharpness = 400f;
    private static readonly float[] s_tokenTau = [0.2f, 0.12f, 0.2f, 0.3f];
    private static readonly float[] s_tokenIou = [0.9f, 0.8f, 0.95f, 0.7f];

    public static IReadOnlyDictionary<string, string> ModuleFiles { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [C.ImageEncoder] = "image_encoder.onnx",
        [C.MaskDecoder] = "mask_decoder.onnx",
        [C.MemoryEncoder] = "memory_encoder.onnx",
        [C.MemoryAttention] = "memory_attention.onnx",
    };

    /// <summary>The settings the stand-in ships: the SAM 2.1 defaults, with its own no-object pointer.</summary>
    public static Sam2Settings Settings { get; } = new()
    {
        NoObjectPointer = NoObjectPointer(),
    };

    /// <summary>Writes the bundle into <paramref name="directory"/> (created if needed) and returns its path.</summary>
    public static string Write(string directory)
    {
        var writer = new StandInBundleWriter(directory);
        writer.WriteFile(ModuleFiles[C.ImageEncoder], BuildImageEncoder());
        writer.WriteFile(ModuleFiles[C.MaskDecoder], BuildMaskDecoder());
        writer.WriteFile(ModuleFiles[C.MemoryEncoder], BuildMemoryEncoder());
        writer.WriteFile(ModuleFiles[C.MemoryAttention], BuildMemoryAttention());
        return writer.WriteManifest(C.Contract, Description, ModuleFiles, Settings.ToManifestConstants());
    }

    private static float[] NoObjectPointer()
    {
        var pointer = new float[C.HiddenDim];
        pointer[4] = 1; // channel 3 (validity) stays 0, so attention ignores it
        return pointer;
    }

    private static byte[] Build(GraphBuilder g) => g.Build(metadata: new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["vrs.stand_in"] = "true",
        ["vrs.description"] = Description,
    });

    private static GraphValue AveragePool(GraphBuilder g, GraphValue x, long k) =>
        g.Node("AveragePool", [x], [NodeAttribute.OfInts("kernel_shape", [k, k]), NodeAttribute.OfInts("strides", [k, k])]);

    /// <summary>A 1×1 convolution weight [channels, 3, 1, 1] copying RGB into channels 0–2.</summary>
    private static GraphValue ColourLift(GraphBuilder g, string name, int channels)
    {
        var weight = new float[channels * 3];
        for (int c = 0; c < 3; c++)
        {
            weight[(c * 3) + c] = 1;
        }

        return g.Initializer(name, weight, [channels, 3, 1, 1]);
    }

    private static GraphValue ToFloat(GraphBuilder g, GraphValue x) => g.Cast(x, TensorElementType.Float32);

    internal static byte[] BuildImageEncoder()
    {
        var g = new GraphBuilder("sam2_standin_image_encoder");
        GraphValue image = g.Input(C.Image, TensorElementType.Float32, [1, 3, C.ImageSize, C.ImageSize]);
        float[] mean = [.. Settings.ImageMean];
        float[] std = [.. Settings.ImageStd];
        GraphValue rgb = (image * g.Initializer("image_std", std, [1, 3, 1, 1])) + g.Initializer("image_mean", mean, [1, 3, 1, 1]);
        GraphValue feat = g.Conv(AveragePool(g, rgb, 16), ColourLift(g, "lift256", C.HiddenDim));
        var noMem = new float[C.HiddenDim];
        noMem[C.HiddenDim - 1] = 1;
        GraphValue noMemFeat = feat + g.Initializer("no_mem_embed", noMem, [1, C.HiddenDim, 1, 1]);
        GraphValue hr0 = g.Conv(AveragePool(g, rgb, 4), ColourLift(g, "lift32", 32));
        GraphValue hr1 = g.Conv(AveragePool(g, rgb, 8), ColourLift(g, "lift64", 64));
        g.Output(feat, C.VisionFeat, TensorElementType.Float32, [1, C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        g.Output(noMemFeat, C.VisionFeatNoMem, TensorElementType.Float32, [1, C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        g.Output(hr0, C.HighResFeat0, TensorElementType.Float32, [1, 32, 4 * C.FeatureSize, 4 * C.FeatureSize]);
        g.Output(hr1, C.HighResFeat1, TensorElementType.Float32, [1, 64, 2 * C.FeatureSize, 2 * C.FeatureSize]);
        return Build(g);
    }

    internal static byte[] BuildMaskDecoder()
    {
        const int Grid = C.LowResMaskSize;
        var g = new GraphBuilder("sam2_standin_mask_decoder");
        GraphValue embed = g.Input(C.ImageEmbed, TensorElementType.Float32, ["B", C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        GraphValue hr0 = g.Input(C.HighResFeat0, TensorElementType.Float32, ["B", 32, 4 * C.FeatureSize, 4 * C.FeatureSize]);
        GraphValue hr1 = g.Input(C.HighResFeat1, TensorElementType.Float32, ["B", 64, 2 * C.FeatureSize, 2 * C.FeatureSize]);
        GraphValue coords = g.Input(C.PointCoords, TensorElementType.Float32, ["B", "N", 2]);
        GraphValue labels = g.Input(C.PointLabels, TensorElementType.Float32, ["B", "N"]);
        GraphValue maskInput = g.Input(C.MaskInput, TensorElementType.Float32, ["B", 1, Grid, Grid]);
        GraphValue hasMaskInput = g.Input(C.HasMaskInput, TensorElementType.Float32, ["B"]);

        GraphValue colour = g.Slice(hr0, [0], [3], [1]);                       // [B,3,256,256]
        GraphValue colourFlat = g.Reshape(colour, [0, 3, Grid * Grid]);       // [B,3,65536]

        // Colour under each point: 1024-space (x, y) → 256-grid cell → gather.
        GraphValue cell = g.Clip(g.Floor((coords + 0.5f) * 0.25f), 0f, Grid - 1);  // [B,N,2]
        GraphValue cellIndex = g.Cast(
            (g.Slice(cell, [1], [2], [2]) * (float)Grid) + g.Slice(cell, [0], [1], [2]),
            TensorElementType.Int64);                                              // [B,N,1]
        GraphValue gatherIndex = g.Expand(g.Transpose(cellIndex, [0, 2, 1]), [1, 3, 1]);   // [B,3,N]
        GraphValue pointColour = g.GatherElements(colourFlat, gatherIndex, 2);             // [B,3,N]

        GraphValue positive = ToFloat(g, g.Equal(labels, g.Constant(1f)));   // [B,N]
        GraphValue negative = ToFloat(g, g.Equal(labels, g.Constant(0f)));
        GraphValue topLeft = ToFloat(g, g.Equal(labels, g.Constant(2f)));
        GraphValue bottomRight = ToFloat(g, g.Equal(labels, g.Constant(3f)));
        GraphValue hasBox = ToFloat(g, g.Greater(g.ReduceSum(topLeft, [1]), g.Constant(0f)));   // [B,1]
        GraphValue corner1 = g.ReduceSum(coords * g.Unsqueeze(topLeft, [2]), [1], keepDims: false);     // [B,2]
        GraphValue corner2 = g.ReduceSum(coords * g.Unsqueeze(bottomRight, [2]), [1], keepDims: false);

        // Colour at the box centre.
        GraphValue centreCell = g.Clip(g.Floor((((corner1 + corner2) * 0.5f) + 0.5f) * 0.25f), 0f, Grid - 1); // [B,2]
        GraphValue centreIndex = g.Cast(
            (g.Slice(centreCell, [1], [2], [1]) * (float)Grid) + g.Slice(centreCell, [0], [1], [1]),
            TensorElementType.Int64);                                              // [B,1]
        GraphValue boxColour = g.Squeeze(
            g.GatherElements(colourFlat, g.Expand(g.Unsqueeze(centreIndex, [1]), [1, 3, 1]), 2), [2]);  // [B,3]

        GraphValue positiveCount = g.ReduceSum(positive, [1]);                // [B,1]
        GraphValue positiveSum = g.ReduceSum(pointColour * g.Unsqueeze(positive, [1]), [2], keepDims: false);   // [B,3]
        GraphValue promptWeight = positiveCount + hasBox;
        GraphValue promptColour = (positiveSum + (boxColour * hasBox)) / g.Max(promptWeight, g.Constant(1e-6f));
        GraphValue hasPrompt = g.Greater(promptWeight, g.Constant(0f));       // [B,1]

        // With no prompt: the colour memory attention wrote into channels 3–5 (flag in 6).
        GraphValue memoryColour = g.ReduceMean(g.Slice(embed, [3], [6], [1]), [2, 3], keepDims: false);     // [B,3]
        GraphValue memoryFlag = g.ReduceMean(g.Slice(embed, [6], [7], [1]), [2, 3], keepDims: false);       // [B,1]
        GraphValue target = g.Where(hasPrompt, promptColour, memoryColour);   // [B,3]
        GraphValue hasTarget = g.Or(hasPrompt, g.Greater(memoryFlag, g.Constant(0.5f)));
        GraphValue hasTargetF = ToFloat(g, hasTarget);

        GraphValue difference = colour - g.Unsqueeze(target, [2, 3]);
        GraphValue distance2 = g.ReduceSum(difference * difference, [1]);     // [B,1,256,256]

        // Outside the box: strongly background.
        var gridX = new float[Grid];
        for (int i = 0; i < Grid; i++)
        {
            gridX[i] = (i + 0.5f) * (C.ImageSize / (float)Grid);
        }

        GraphValue gx = g.Initializer("grid_x", gridX, [1, 1, 1, Grid]);
        GraphValue gy = g.Initializer("grid_y", gridX, [1, 1, Grid, 1]);
        GraphValue x1 = g.Unsqueeze(g.Slice(corner1, [0], [1], [1]), [2, 3]);
        GraphValue y1 = g.Unsqueeze(g.Slice(corner1, [1], [2], [1]), [2, 3]);
        GraphValue x2 = g.Unsqueeze(g.Slice(corner2, [0], [1], [1]), [2, 3]);
        GraphValue y2 = g.Unsqueeze(g.Slice(corner2, [1], [2], [1]), [2, 3]);
        GraphValue inside = ToFloat(g, g.And(
            g.And(g.GreaterOrEqual(gx, x1), g.LessOrEqual(gx, x2)),
            g.And(g.GreaterOrEqual(gy, y1), g.LessOrEqual(gy, y2))));        // [B,1,256,256]
        GraphValue boxPenalty = g.Unsqueeze(hasBox, [2, 3]) * (1f - inside) * 1000f;

        // Near the colour of a negative click: pushed down.
        GraphValue negativeDifference = g.Unsqueeze(colourFlat, [2]) - g.Unsqueeze(pointColour, [3]);        // [B,3,N,65536]
        GraphValue negativeDistance2 = g.ReduceSum(negativeDifference * negativeDifference, [1], keepDims: false); // [B,N,65536]
        GraphValue negativeHit = g.ReduceSum(g.Relu(g.Constant(Tau * Tau) - negativeDistance2) * g.Unsqueeze(negative, [2]), [1]); // [B,1,65536]
        GraphValue negativePenalty = g.Reshape(negativeHit, [0, 1, Grid, Grid]) * (4 * Sharpness);

        float[] tau2 = [.. s_tokenTau.Select(t => t * t)];
        GraphValue ignoredDensePrompt = maskInput * g.Unsqueeze(hasMaskInput, [1, 2, 3]) * 0f;
        GraphValue logits = ((g.Initializer("token_tau2", tau2, [1, 4, 1, 1]) - distance2) * Sharpness)
            - boxPenalty - negativePenalty + ignoredDensePrompt;             // [B,4,256,256]

        GraphValue foreground = g.ReduceSum(ToFloat(g, g.Greater(g.Slice(logits, [0], [1], [1]), g.Constant(0f))), [2, 3], keepDims: false); // [B,1]
        GraphValue score = g.Where(hasTarget, g.Min(foreground - 3.5f, g.Constant(20f)), g.Constant(-10f));   // [B,1]
        GraphValue masks = g.Where(g.Greater(g.Unsqueeze(score, [2, 3]), g.Constant(0f)), logits, g.Constant(-1024f));

        GraphValue iou = (hasTargetF * g.Initializer("token_iou", s_tokenIou, [1, 4])) + ((1f - hasTargetF) * 0.05f);
        var place = new float[4 * C.HiddenDim];
        for (int i = 0; i < 4; i++)
        {
            place[(i * C.HiddenDim) + i] = 1;
        }

        GraphValue pointer = g.MatMul(g.Concat([target, hasTargetF], 1), g.Initializer("pointer_place", place, [4, C.HiddenDim]));  // [B,256]
        GraphValue pointers = g.Expand(g.Unsqueeze(pointer, [1]), [1, 4, 1]);  // [B,4,256]
        GraphValue unusedHighRes1 = g.ReduceSum(g.Slice(hr1, [0], [1], [1]), [1, 2, 3], keepDims: false) * 0f; // keeps the input live
        score = score + g.Unsqueeze(unusedHighRes1, [1]);

        g.Output(masks, C.Masks, TensorElementType.Float32, ["B", 4, Grid, Grid]);
        g.Output(iou, C.IouPred, TensorElementType.Float32, ["B", 4]);
        g.Output(pointers, C.ObjPtrRaw, TensorElementType.Float32, ["B", 4, C.HiddenDim]);
        g.Output(score, C.ObjectScoreLogits, TensorElementType.Float32, ["B", 1]);
        return Build(g);
    }

    internal static byte[] BuildMemoryEncoder()
    {
        var g = new GraphBuilder("sam2_standin_memory_encoder");
        GraphValue feat = g.Input(C.VisionFeat, TensorElementType.Float32, ["B", C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        GraphValue logits = g.Input(C.MaskLogits, TensorElementType.Float32, ["B", 1, C.LowResMaskSize, C.LowResMaskSize]);
        GraphValue score = g.Input(C.ObjectScoreLogits, TensorElementType.Float32, ["B", 1]);
        GraphValue binarize = g.Input(C.Binarize, TensorElementType.Float32, ["B"]);

        GraphValue b = g.Unsqueeze(binarize, [1, 2, 3]);
        GraphValue mask = (b * ToFloat(g, g.Greater(logits, g.Constant(0f)))) + ((1f - b) * g.Sigmoid(logits));
        GraphValue weight = AveragePool(g, mask, 4);                          // [B,1,64,64]
        GraphValue colour = g.Slice(feat, [0], [3], [1]);
        GraphValue area = g.ReduceSum(weight, [2, 3]);                        // [B,1,1,1]
        GraphValue objectColour = g.ReduceSum(weight * colour, [2, 3]) / g.Max(area, g.Constant(1e-6f));   // [B,3,1,1]
        GraphValue present = ToFloat(g, g.And(g.Greater(g.Unsqueeze(score, [2, 3]), g.Constant(0f)), g.Greater(area, g.Constant(0.5f))));
        var onesData = new float[C.FeatureSize * C.FeatureSize];
        Array.Fill(onesData, 1f);
        GraphValue ones = g.Initializer("ones", onesData, [1, 1, C.FeatureSize, C.FeatureSize]);
        GraphValue zeros = weight * g.Initializer("zeros", new float[C.MemDim - 6], [1, C.MemDim - 6, 1, 1]);
        GraphValue memory = g.Concat([objectColour * present * ones, present * ones, (1f - present) * ones, weight, zeros], 1);
        g.Output(memory, C.MaskmemFeatures, TensorElementType.Float32, ["B", C.MemDim, C.FeatureSize, C.FeatureSize]);
        return Build(g);
    }

    internal static byte[] BuildMemoryAttention()
    {
        var g = new GraphBuilder("sam2_standin_memory_attention");
        GraphValue feat = g.Input(C.VisionFeat, TensorElementType.Float32, ["B", C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        GraphValue memories = g.Input(C.MemFeats, TensorElementType.Float32, ["B", "Nm", C.MemDim, C.FeatureSize, C.FeatureSize]);
        GraphValue tpos = g.Input(C.MemTposIdx, TensorElementType.Int64, ["Nm"]);
        GraphValue pointers = g.Input(C.ObjPtrs, TensorElementType.Float32, ["B", "P", C.HiddenDim]);
        GraphValue pointerTpos = g.Input(C.ObjPtrTpos, TensorElementType.Float32, ["P"]);

        GraphValue memoryColour = g.ReduceMean(g.Slice(memories, [0], [3], [2]), [3, 4], keepDims: false);   // [B,Nm,3]
        GraphValue memoryPresent = g.ReduceMean(g.Slice(memories, [3], [4], [2]), [3, 4], keepDims: false);  // [B,Nm,1]
        var slotWeights = new float[Settings.NumMaskmem];
        Array.Fill(slotWeights, 1f);
        slotWeights[^1] = 4f; // conditioning frames
        GraphValue slot = g.Unsqueeze(g.Gather(g.Initializer("slot_weight", slotWeights, [slotWeights.Length]), tpos), [0, 2]);   // [1,Nm,1]
        GraphValue memoryWeight = memoryPresent * slot;
        GraphValue pointerColour = g.Slice(pointers, [0], [3], [2]);          // [B,P,3]
        GraphValue pointerValid = g.Slice(pointers, [3], [4], [2]);           // [B,P,1]
        GraphValue pointerWeight = pointerValid * g.Unsqueeze(g.Reciprocal(pointerTpos + 1f), [0, 2]);
        GraphValue numerator = g.ReduceSum(memoryWeight * memoryColour, [1], keepDims: false) + g.ReduceSum(pointerWeight * pointerColour, [1], keepDims: false); // [B,3]
        GraphValue denominator = g.ReduceSum(memoryWeight, [1], keepDims: false) + g.ReduceSum(pointerWeight, [1], keepDims: false);   // [B,1]
        GraphValue remembered = numerator / g.Max(denominator, g.Constant(1e-6f));
        GraphValue flag = ToFloat(g, g.Greater(denominator, g.Constant(1e-6f)));
        var onesData = new float[C.FeatureSize * C.FeatureSize];
        Array.Fill(onesData, 1f);
        GraphValue ones = g.Initializer("ones", onesData, [1, 1, C.FeatureSize, C.FeatureSize]);
        GraphValue output = g.Concat(
            [g.Slice(feat, [0], [3], [1]), g.Unsqueeze(remembered, [2, 3]) * ones, g.Unsqueeze(flag, [2, 3]) * ones, g.Slice(feat, [7], [C.HiddenDim], [1])],
            1);
        g.Output(output, C.PixFeatWithMem, TensorElementType.Float32, ["B", C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        return Build(g);
    }
}
