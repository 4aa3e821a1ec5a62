using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests;

/// <summary>
/// The tiny models the tests run through the real ONNX Runtime, built with the project's own graph writer at
/// test time. Also compiled into Vrs.Cli.Tests, which writes <see cref="Probe"/> and friends into its bundles.
/// </summary>
internal static class TestGraphs
{
    private const TensorElementType Float = TensorElementType.Float32;

    /// <summary>y = (a + b) * c, all [N, M] dynamic; plus the shape of y as int64. Carries metadata for the metadata test.</summary>
    public static byte[] AddMul()
    {
        var g = new GraphBuilder("add_mul");
        GraphValue a = g.Input("a", Float, ["N", "M"]);
        GraphValue b = g.Input("b", Float, ["N", "M"]);
        GraphValue c = g.Input("c", Float, ["N", "M"]);
        GraphValue y = g.Output((a + b) * c, "y", Float, ["N", "M"]);
        g.Output(g.Shape(y), "y_shape", TensorElementType.Int64, [2]);
        return g.Build(
            producer: "vrs-tests",
            metadata: new Dictionary<string, string> { ["author"] = "vrs", ["labels"] = "sum,product" },
            docString: "(a + b) * c",
            modelVersion: 3);
    }

    /// <summary>y = x @ w, x: [B, K], w: [K, P], all dynamic.</summary>
    public static byte[] MatMul()
    {
        var g = new GraphBuilder("matmul");
        GraphValue x = g.Input("x", Float, ["B", "K"]);
        GraphValue w = g.Input("w", Float, ["K", "P"]);
        g.Output(g.MatMul(x, w), "y", Float, ["B", "P"]);
        return g.Build(producer: "vrs-tests");
    }

    /// <summary>Softmax over the last axis of x [N, C].</summary>
    public static byte[] Softmax()
    {
        var g = new GraphBuilder("softmax");
        GraphValue x = g.Input("x", Float, ["N", "C"]);
        g.Output(g.Softmax(x, axis: -1), "y", Float, ["N", "C"]);
        return g.Build(producer: "vrs-tests");
    }

    /// <summary>Rows of table [R, D] picked by int64 idx [K] → y [K, D].</summary>
    public static byte[] Gather()
    {
        var g = new GraphBuilder("gather");
        GraphValue table = g.Input("table", Float, ["R", "D"]);
        GraphValue idx = g.Input("idx", TensorElementType.Int64, ["K"]);
        g.Output(g.Gather(table, idx, axis: 0), "y", Float, ["K", "D"]);
        return g.Build(producer: "vrs-tests");
    }

    /// <summary>
    /// A 3x3 convolution with padding 1, x [N, Cin, H, W] → y [N, Cout, H, W]; <paramref name="weights"/>
    /// [Cout, Cin, 3, 3] and <paramref name="bias"/> [Cout] are initializers.
    /// </summary>
    public static byte[] Conv3x3(float[] weights, float[] bias, int inChannels)
    {
        int outChannels = bias.Length;
        var g = new GraphBuilder("conv");
        GraphValue x = g.Input("x", Float, ["N", inChannels, "H", "W"]);
        GraphValue w = g.Initializer("w", weights, [outChannels, inChannels, 3, 3]);
        GraphValue b = g.Initializer("b", bias, [outChannels]);
        g.Output(g.Conv(x, w, b, pads: [1, 1, 1, 1]), "y", Float, ["N", outChannels, "H", "W"]);
        return g.Build(producer: "vrs-tests");
    }

    /// <summary>Nearest-neighbour upscale of an NCHW image by whole-number scales (asymmetric coordinates, floor).</summary>
    public static byte[] ResizeNearest(float scaleH, float scaleW)
    {
        var g = new GraphBuilder("resize_nearest");
        GraphValue x = g.Input("x", Float, ["N", "C", "H", "W"]);
        GraphValue y = g.Resize(x, scales: g.Constant([1f, 1f, scaleH, scaleW]), mode: "nearest", coordinateTransformationMode: "asymmetric", nearestMode: "floor");
        g.Output(y, "y", Float, ["N", "C", "H2", "W2"]);
        return g.Build(producer: "vrs-tests");
    }

    /// <summary>Bilinear resize of an NCHW image by scales (half-pixel coordinates, the ONNX default).</summary>
    public static byte[] ResizeLinear(float scaleH, float scaleW)
    {
        var g = new GraphBuilder("resize_linear");
        GraphValue x = g.Input("x", Float, ["N", "C", "H", "W"]);
        g.Output(g.ResizeByScales(x, [1f, 1f, scaleH, scaleW], mode: "linear"), "y", Float, ["N", "C", "H2", "W2"]);
        return g.Build(producer: "vrs-tests");
    }

    /// <summary>x → y of one element type, dynamic [N, M].</summary>
    public static byte[] Identity(TensorElementType elementType)
    {
        var g = new GraphBuilder("identity");
        GraphValue x = g.Input("x", elementType, ["N", "M"]);
        g.Output(x, "y", elementType, ["N", "M"]);
        return g.Build(producer: "vrs-tests");
    }

    /// <summary>
    /// A module of the test contract kind "vrs-test" (Vrs.Onnx.Contracts): image uint8 [1, H, W, 3] and
    /// points float [1, N, 2] → score float [1, N] (max of each point's coordinates) and image_shape int64 [4].
    /// </summary>
    public static byte[] Probe()
    {
        var g = new GraphBuilder("probe");
        GraphValue image = g.Input("image", TensorElementType.UInt8, [1, "H", "W", 3]);
        GraphValue points = g.Input("points", Float, [1, "N", 2]);
        g.Output(g.ReduceMax(points, [2], keepDims: false), "score", Float, [1, "N"]);
        g.Output(g.Shape(image), "image_shape", TensorElementType.Int64, [4]);
        return g.Build(producer: "vrs-tests");
    }

    /// <summary>The probe with a renamed input (point_coords), a wrong rank (score [N]) and a wrong element type (float image), for the mismatch report.</summary>
    public static byte[] ProbeBad()
    {
        var g = new GraphBuilder("probe_bad");
        GraphValue image = g.Input("image", Float, [1, "H", "W", 3]);
        GraphValue points = g.Input("point_coords", Float, ["N", 2]);
        g.Output(g.ReduceMax(points, [1], keepDims: false), "score", Float, ["N"]);
        g.Output(g.Shape(image), "image_shape", TensorElementType.Int64, [4]);
        return g.Build(producer: "vrs-tests");
    }
}
