namespace Vrs.Onnx.Graph;

/// <summary>Shape manipulation, indexing and tensor generators. Span overloads put the span in a Constant node.</summary>
public sealed partial class GraphBuilder
{
    /// <summary>Reshapes to <paramref name="shape"/> (1-D int64; 0 copies the input dimension, -1 is inferred).</summary>
    public GraphValue Reshape(GraphValue x, GraphValue shape) => Node("Reshape", [x, shape]);

    public GraphValue Reshape(GraphValue x, ReadOnlySpan<long> shape) => Reshape(x, Constant(shape));

    /// <summary>Permutes axes; an empty <paramref name="perm"/> reverses them, as ONNX does.</summary>
    public GraphValue Transpose(GraphValue x, ReadOnlySpan<long> perm = default) =>
        perm.IsEmpty ? Node("Transpose", [x]) : Node("Transpose", [x], [NodeAttribute.OfInts("perm", perm)]);

    public GraphValue Concat(IReadOnlyList<GraphValue> inputs, long axis) => Node("Concat", inputs, [NodeAttribute.OfInt("axis", axis)]);

    /// <summary>Splits along <paramref name="axis"/> into parts of the given lengths.</summary>
    public GraphValue[] Split(GraphValue x, ReadOnlySpan<long> splits, long axis = 0) =>
        Node("Split", [x, Constant(splits)], splits.Length, [NodeAttribute.OfInt("axis", axis)]);

    /// <summary>Slices with 1-D int64 starts/ends and optional axes/steps.</summary>
    public GraphValue Slice(GraphValue x, GraphValue starts, GraphValue ends, GraphValue? axes = null, GraphValue? steps = null)
    {
        axes ??= GraphValue.None;
        steps ??= GraphValue.None;
        if (!steps.IsNone)
        {
            return Node("Slice", [x, starts, ends, axes, steps]);
        }

        return axes.IsNone ? Node("Slice", [x, starts, ends]) : Node("Slice", [x, starts, ends, axes]);
    }

    public GraphValue Slice(GraphValue x, ReadOnlySpan<long> starts, ReadOnlySpan<long> ends, ReadOnlySpan<long> axes = default, ReadOnlySpan<long> steps = default) =>
        Slice(
            x,
            Constant(starts),
            Constant(ends),
            axes.IsEmpty ? null : Constant(axes),
            steps.IsEmpty ? null : Constant(steps));

    /// <summary>Inserts size-1 axes (opset 13+: axes is an input).</summary>
    public GraphValue Unsqueeze(GraphValue x, ReadOnlySpan<long> axes) => Node("Unsqueeze", [x, Constant(axes)]);

    /// <summary>Removes the given size-1 axes, or all of them when <paramref name="axes"/> is empty.</summary>
    public GraphValue Squeeze(GraphValue x, ReadOnlySpan<long> axes = default) =>
        axes.IsEmpty ? Node("Squeeze", [x]) : Node("Squeeze", [x, Constant(axes)]);

    /// <summary>Broadcasts to <paramref name="shape"/> (numpy rules, so the result may be larger than shape).</summary>
    public GraphValue Expand(GraphValue x, GraphValue shape) => Node("Expand", [x, shape]);

    public GraphValue Expand(GraphValue x, ReadOnlySpan<long> shape) => Expand(x, Constant(shape));

    public GraphValue Tile(GraphValue x, GraphValue repeats) => Node("Tile", [x, repeats]);

    public GraphValue Tile(GraphValue x, ReadOnlySpan<long> repeats) => Tile(x, Constant(repeats));

    /// <summary>numpy.take: picks slices of <paramref name="data"/> along <paramref name="axis"/> (negative indices count from the end).</summary>
    public GraphValue Gather(GraphValue data, GraphValue indices, long axis = 0) =>
        Node("Gather", [data, indices], [NodeAttribute.OfInt("axis", axis)]);

    /// <summary>numpy.take_along_axis: output has the indices' shape.</summary>
    public GraphValue GatherElements(GraphValue data, GraphValue indices, long axis = 0) =>
        Node("GatherElements", [data, indices], [NodeAttribute.OfInt("axis", axis)]);

    /// <summary>
    /// Resizes by <paramref name="scales"/> (1-D float, one per axis) or to <paramref name="sizes"/> (1-D int64);
    /// exactly one of them is given. Modes: "nearest", "linear", "cubic".
    /// </summary>
    public GraphValue Resize(
        GraphValue x,
        GraphValue? scales = null,
        GraphValue? sizes = null,
        string mode = "nearest",
        string coordinateTransformationMode = "half_pixel",
        string nearestMode = "round_prefer_floor")
    {
        scales ??= GraphValue.None;
        sizes ??= GraphValue.None;
        if (scales.IsNone == sizes.IsNone)
        {
            throw new ArgumentException("Resize takes either scales or sizes, not both and not neither", nameof(scales));
        }

        var attributes = new List<NodeAttribute>
        {
            NodeAttribute.OfString("coordinate_transformation_mode", coordinateTransformationMode),
            NodeAttribute.OfString("mode", mode),
        };
        if (mode == "nearest")
        {
            attributes.Add(NodeAttribute.OfString("nearest_mode", nearestMode));
        }

        return Node("Resize", sizes.IsNone ? [x, GraphValue.None, scales] : [x, GraphValue.None, GraphValue.None, sizes], attributes);
    }

    public GraphValue ResizeByScales(GraphValue x, ReadOnlySpan<float> scales, string mode = "nearest", string coordinateTransformationMode = "half_pixel") =>
        Resize(x, scales: Constant(scales), mode: mode, coordinateTransformationMode: coordinateTransformationMode);

    public GraphValue ResizeToSizes(GraphValue x, ReadOnlySpan<long> sizes, string mode = "nearest", string coordinateTransformationMode = "half_pixel") =>
        Resize(x, sizes: Constant(sizes), mode: mode, coordinateTransformationMode: coordinateTransformationMode);

    /// <summary>The shape as 1-D int64, optionally only dimensions [start, end) (opset 15+).</summary>
    public GraphValue Shape(GraphValue x, long? start = null, long? end = null)
    {
        if ((start.HasValue || end.HasValue) && Opset < 15)
        {
            throw new InvalidOperationException($"Shape start/end need opset 15; graph '{Name}' uses opset {Opset}");
        }

        var attributes = new List<NodeAttribute>();
        if (end is long e)
        {
            attributes.Add(NodeAttribute.OfInt("end", e));
        }

        if (start is long s)
        {
            attributes.Add(NodeAttribute.OfInt("start", s));
        }

        return Node("Shape", [x], attributes);
    }

    /// <summary>A tensor of shape <paramref name="shape"/> (1-D int64) filled with the one-element <paramref name="value"/> (float 0 if null).</summary>
    public GraphValue ConstantOfShape(GraphValue shape, TensorData? value = null)
    {
        if (value is not null && (value.ElementCount != 1 || value.Dims.Count != 1))
        {
            throw new ArgumentException("ConstantOfShape's value must be a 1-D tensor with one element", nameof(value));
        }

        return value is null
            ? Node("ConstantOfShape", [shape])
            : Node("ConstantOfShape", [shape], [NodeAttribute.OfTensor("value", value)]);
    }

    /// <summary>[start, start + delta, ...) below <paramref name="limit"/>; the three are scalars of one type.</summary>
    public GraphValue Range(GraphValue start, GraphValue limit, GraphValue delta) => Node("Range", [start, limit, delta]);

    /// <summary>Running sum along <paramref name="axis"/> (a scalar int32/int64 input).</summary>
    public GraphValue CumSum(GraphValue x, GraphValue axis, bool exclusive = false, bool reverse = false)
    {
        var attributes = new List<NodeAttribute>();
        if (exclusive)
        {
            attributes.Add(NodeAttribute.OfInt("exclusive", 1));
        }

        if (reverse)
        {
            attributes.Add(NodeAttribute.OfInt("reverse", 1));
        }

        return Node("CumSum", [x, axis], attributes);
    }

    public GraphValue CumSum(GraphValue x, long axis, bool exclusive = false, bool reverse = false) =>
        CumSum(x, Constant(axis), exclusive, reverse);

    /// <summary>The <paramref name="k"/> (1-D int64 of one element) largest or smallest values along an axis, and their int64 indices.</summary>
    public (GraphValue Values, GraphValue Indices) TopK(GraphValue x, GraphValue k, long axis = -1, bool largest = true, bool sorted = true)
    {
        var attributes = new List<NodeAttribute> { NodeAttribute.OfInt("axis", axis) };
        if (!largest)
        {
            attributes.Add(NodeAttribute.OfInt("largest", 0));
        }

        if (!sorted)
        {
            attributes.Add(NodeAttribute.OfInt("sorted", 0));
        }

        GraphValue[] outputs = Node("TopK", [x, k], 2, attributes);
        return (outputs[0], outputs[1]);
    }

    public (GraphValue Values, GraphValue Indices) TopK(GraphValue x, long k, long axis = -1, bool largest = true, bool sorted = true) =>
        TopK(x, Constant([k]), axis, largest, sorted);

    /// <summary>Indices of non-zero elements, int64 [rank, count].</summary>
    public GraphValue NonZero(GraphValue x) => Node("NonZero", [x]);

    /// <summary>
    /// Runs <paramref name="thenBranch"/> or <paramref name="elseBranch"/> (both from <see cref="Subgraph"/>, with the
    /// same number of outputs and no inputs) on a bool scalar <paramref name="condition"/>.
    /// </summary>
    public GraphValue[] If(GraphValue condition, GraphBuilder thenBranch, GraphBuilder elseBranch)
    {
        ArgumentNullException.ThrowIfNull(thenBranch);
        ArgumentNullException.ThrowIfNull(elseBranch);
        if (thenBranch.Outputs.Count != elseBranch.Outputs.Count || thenBranch.Outputs.Count == 0)
        {
            throw new ArgumentException(
                $"If: branches '{thenBranch.Name}' and '{elseBranch.Name}' must declare the same, non-zero number of outputs ({thenBranch.Outputs.Count} vs {elseBranch.Outputs.Count})",
                nameof(elseBranch));
        }

        return Node(
            "If",
            [condition],
            thenBranch.Outputs.Count,
            [NodeAttribute.OfGraph("else_branch", elseBranch), NodeAttribute.OfGraph("then_branch", thenBranch)]);
    }
}
