using Vrs.Grounding.Preprocessing;
using Vrs.Onnx;
using Vrs.Onnx.Graph;
using C = Vrs.Onnx.Contracts.LvlmContract;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// vision_encoder: one row per merged 2×2 cell (the 4 consecutive patch rows of <see cref="PatchFlattener"/>'s layout)
/// holding the cell's mean un-normalised RGB, the visual flag, its centre and size in the merged grid, and its
/// temporal index. The grid comes from the FIRST row of <c>grid_thw</c>: the stand-in encodes one image or video per
/// call, which is how the host calls it (one item at a time).
/// </summary>
internal static class VisionEncoderGraph
{
    private const int Merge = 2;

    public static GraphBuilder Build(QwenVisionConfig vision)
    {
        var g = new GraphBuilder("lvlm_standin_vision_encoder");
        GraphValue pixels = g.Input(C.PixelValues, TensorElementType.Float32, ["Np", C.PatchDimension]);
        GraphValue grid = g.Input(C.GridThw, TensorElementType.Int64, ["G", 3]);

        // Columns are [channel][temporal][14][14] channel-major, so a channel's 392 values are contiguous; the
        // normalisation is affine, so un-normalising the mean is the mean of the un-normalised pixels.
        GraphValue channelMean = g.ReduceMean(g.Reshape(pixels, [-1, 3, C.PatchDimension / 3]), [2], keepDims: false);   // [Np,3]
        GraphValue rgb = (channelMean * g.Initializer("image_std", vision.Std, [1, 3])) + g.Initializer("image_mean", vision.Mean, [1, 3]);
        GraphValue cellRgb = g.ReduceMean(g.Reshape(rgb, [-1, Merge * Merge, 3]), [1], keepDims: false);           // [Nt,3]

        GraphValue first = g.Squeeze(g.Slice(grid, [0], [1], [0]), [0]);                                         // [3]
        GraphValue h = g.Div(g.Slice(first, [1], [2], [0]), g.Constant([(long)Merge]));                         // [1]
        GraphValue w = g.Div(g.Slice(first, [2], [3], [0]), g.Constant([(long)Merge]));
        GraphValue count = g.Squeeze(g.Shape(cellRgb, 0, 1), [0]);
        GraphValue index = g.Range(g.Constant(0L), count, g.Constant(1L));                                    // [Nt]
        GraphValue x = g.Node("Mod", [index, w]);
        GraphValue y = g.Node("Mod", [g.Div(index, w), h]);
        GraphValue t = g.Div(index, g.Mul(h, w));
        GraphValue wf = g.Cast(w, TensorElementType.Float32);
        GraphValue hf = g.Cast(h, TensorElementType.Float32);
        GraphValue centreX = (g.Cast(x, TensorElementType.Float32) + 0.5f) / wf;
        GraphValue centreY = (g.Cast(y, TensorElementType.Float32) + 0.5f) / hf;
        GraphValue ones = (centreX * 0f) + 1f;
        GraphValue[] columns =
        [
            ones,
            centreX,
            centreY,
            ones / wf,
            ones / hf,
            g.Cast(t, TensorElementType.Float32),
        ];
        GraphValue features = g.Concat([cellRgb, g.Concat([.. columns.Select(c => g.Unsqueeze(c, [1]))], 1)], 1);   // [Nt,9]
        int[] target = [L.Rgb, L.Rgb + 1, L.Rgb + 2, L.Visual, L.CentreX, L.CentreY, L.CellWidth, L.CellHeight, L.Time];
        var place = new float[target.Length * L.HiddenSize];
        for (int i = 0; i < target.Length; i++)
        {
            place[(i * L.HiddenSize) + target[i]] = 1f;
        }

        GraphValue embeds = g.MatMul(features, g.Initializer("channel_place", place, [target.Length, L.HiddenSize]));
        g.Output(embeds, C.ImageEmbeds, TensorElementType.Float32, ["Nt", "D"]);
        return g;
    }
}
