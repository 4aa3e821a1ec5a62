namespace Vrs.Onnx.Graph;

/// <summary>
/// Reductions. ReduceSum takes its axes as an input from opset 13, the others from opset 18 (before that as
/// an attribute); the helpers emit whichever form the builder's opset wants. Empty axes reduce over all axes.
/// </summary>
public sealed partial class GraphBuilder
{
    public GraphValue ReduceSum(GraphValue x, ReadOnlySpan<long> axes = default, bool keepDims = true) =>
        Reduce("ReduceSum", x, axes, keepDims, axesInputSince: 13);

    public GraphValue ReduceMean(GraphValue x, ReadOnlySpan<long> axes = default, bool keepDims = true) =>
        Reduce("ReduceMean", x, axes, keepDims, axesInputSince: 18);

    public GraphValue ReduceMax(GraphValue x, ReadOnlySpan<long> axes = default, bool keepDims = true) =>
        Reduce("ReduceMax", x, axes, keepDims, axesInputSince: 18);

    public GraphValue ReduceMin(GraphValue x, ReadOnlySpan<long> axes = default, bool keepDims = true) =>
        Reduce("ReduceMin", x, axes, keepDims, axesInputSince: 18);

    /// <summary>Index (int64) of the largest element along <paramref name="axis"/>; the first one on ties unless <paramref name="selectLastIndex"/>.</summary>
    public GraphValue ArgMax(GraphValue x, long axis = 0, bool keepDims = true, bool selectLastIndex = false) =>
        ArgReduce("ArgMax", x, axis, keepDims, selectLastIndex);

    public GraphValue ArgMin(GraphValue x, long axis = 0, bool keepDims = true, bool selectLastIndex = false) =>
        ArgReduce("ArgMin", x, axis, keepDims, selectLastIndex);

    private GraphValue Reduce(string opType, GraphValue x, ReadOnlySpan<long> axes, bool keepDims, int axesInputSince)
    {
        NodeAttribute keep = NodeAttribute.OfInt("keepdims", keepDims ? 1 : 0);
        if (axes.IsEmpty)
        {
            return Node(opType, [x], [keep]);
        }

        return Opset >= axesInputSince
            ? Node(opType, [x, Constant(axes)], [keep])
            : Node(opType, [x], [NodeAttribute.OfInts("axes", axes), keep]);
    }

    private GraphValue ArgReduce(string opType, GraphValue x, long axis, bool keepDims, bool selectLastIndex)
    {
        var attributes = new List<NodeAttribute>
        {
            NodeAttribute.OfInt("axis", axis),
            NodeAttribute.OfInt("keepdims", keepDims ? 1 : 0),
        };
        if (selectLastIndex)
        {
            attributes.Add(NodeAttribute.OfInt("select_last_index", 1));
        }

        return Node(opType, [x], attributes);
    }
}
