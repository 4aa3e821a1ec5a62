namespace Vrs.Onnx.Graph;

/// <summary>Matrix products, convolution and normalisation.</summary>
public sealed partial class GraphBuilder
{
    /// <summary>numpy.matmul: batched over leading dimensions, which broadcast.</summary>
    public GraphValue MatMul(GraphValue a, GraphValue b) => Node("MatMul", [a, b]);

    /// <summary>alpha · A' · B' + beta · C for 2-D A and B (' = transposed when asked); <paramref name="c"/> is optional.</summary>
    public GraphValue Gemm(GraphValue a, GraphValue b, GraphValue? c = null, float alpha = 1f, float beta = 1f, bool transA = false, bool transB = false)
    {
        var attributes = new List<NodeAttribute>();
        if (alpha != 1f)
        {
            attributes.Add(NodeAttribute.OfFloat("alpha", alpha));
        }

        if (beta != 1f)
        {
            attributes.Add(NodeAttribute.OfFloat("beta", beta));
        }

        if (transA)
        {
            attributes.Add(NodeAttribute.OfInt("transA", 1));
        }

        if (transB)
        {
            attributes.Add(NodeAttribute.OfInt("transB", 1));
        }

        return Node("Gemm", c is null || c.IsNone ? [a, b] : [a, b, c], attributes);
    }

    /// <summary>
    /// N-d convolution of X [N, C, spatial...] with W [M, C/group, kernel...], optional bias B [M]. Empty spans keep the ONNX defaults (stride 1, no padding, dilation 1);
    /// <paramref name="pads"/> lists all begins then all ends.
    /// </summary>
    public GraphValue Conv(
        GraphValue x,
        GraphValue weight,
        GraphValue? bias = null,
        ReadOnlySpan<long> strides = default,
        ReadOnlySpan<long> pads = default,
        ReadOnlySpan<long> dilations = default,
        long group = 1)
    {
        var attributes = new List<NodeAttribute>();
        if (!dilations.IsEmpty)
        {
            attributes.Add(NodeAttribute.OfInts("dilations", dilations));
        }

        if (group != 1)
        {
            attributes.Add(NodeAttribute.OfInt("group", group));
        }

        if (!pads.IsEmpty)
        {
            attributes.Add(NodeAttribute.OfInts("pads", pads));
        }

        if (!strides.IsEmpty)
        {
            attributes.Add(NodeAttribute.OfInts("strides", strides));
        }

        return Node("Conv", bias is null || bias.IsNone ? [x, weight] : [x, weight, bias], attributes);
    }

    /// <summary>Softmax along one axis (opset 13+ semantics: only that axis is normalised).</summary>
    public GraphValue Softmax(GraphValue x, long axis = -1) => Node("Softmax", [x], [NodeAttribute.OfInt("axis", axis)]);
}
