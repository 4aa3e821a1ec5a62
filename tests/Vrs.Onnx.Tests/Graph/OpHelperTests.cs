using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests.Graph;

/// <summary>The op helpers emit the node forms the ONNX operator specs ask for at the builder's opset.</summary>
public sealed class OpHelperTests
{
    private const TensorElementType F = TensorElementType.Float32;

    [Fact]
    public void ReduceSum_takes_axes_as_an_input_and_the_others_as_an_attribute_at_opset_17()
    {
        GraphView graph = Build(17, (g, x) => [g.ReduceSum(x, [1]), g.ReduceMean(x, [0], keepDims: false), g.ReduceMax(x)]);

        NodeView sum = graph.Node("ReduceSum");
        Assert.Equal(2, sum.Inputs.Count);
        Assert.Equal([1L], ConstantInt64s(graph, sum.Inputs[1]));
        Assert.Equal(1, sum.Attribute("keepdims").I);
        NodeView mean = graph.Node("ReduceMean");
        Assert.Single(mean.Inputs);
        Assert.Equal([0L], mean.Attribute("axes").Ints);
        Assert.Equal(0, mean.Attribute("keepdims").I);
        NodeView max = graph.Node("ReduceMax");
        Assert.Single(max.Inputs);
        Assert.DoesNotContain(max.Attributes, a => a.Name == "axes");
    }

    [Fact]
    public void All_reductions_take_axes_as_an_input_from_opset_18()
    {
        GraphView graph = Build(18, (g, x) => [g.ReduceMean(x, [0]), g.ReduceMin(x, [1])]);

        Assert.Equal([0L], ConstantInt64s(graph, graph.Node("ReduceMean").Inputs[1]));
        Assert.Equal([1L], ConstantInt64s(graph, graph.Node("ReduceMin").Inputs[1]));
        Assert.DoesNotContain(graph.Node("ReduceMean").Attributes, a => a.Name == "axes");
    }

    [Fact]
    public void Resize_leaves_roi_empty_and_passes_scales_or_sizes()
    {
        GraphView graph = Build(17, (g, x) =>
        [
            g.ResizeByScales(x, [1f, 1f, 2f, 2f]),
            g.ResizeToSizes(x, [1, 1, 3, 3], mode: "linear", coordinateTransformationMode: "align_corners"),
        ]);

        NodeView[] resizes = graph.Nodes.Where(n => n.OpType == "Resize").ToArray();
        Assert.Equal(3, resizes[0].Inputs.Count);
        Assert.Equal("", resizes[0].Inputs[1]);
        Assert.Equal("nearest", resizes[0].Attribute("mode").S);
        Assert.Equal("half_pixel", resizes[0].Attribute("coordinate_transformation_mode").S);
        Assert.Equal("round_prefer_floor", resizes[0].Attribute("nearest_mode").S);
        Assert.Equal(["", ""], resizes[1].Inputs.Skip(1).Take(2));
        Assert.Equal(4, resizes[1].Inputs.Count);
        Assert.Equal([1L, 1L, 3L, 3L], ConstantInt64s(graph, resizes[1].Inputs[3]));
        Assert.Equal("linear", resizes[1].Attribute("mode").S);
        Assert.DoesNotContain(resizes[1].Attributes, a => a.Name == "nearest_mode");
    }

    [Fact]
    public void Resize_needs_exactly_one_of_scales_and_sizes()
    {
        var g = new GraphBuilder("r");
        var x = g.Input("x", F, [1, 1, 2, 2]);
        Assert.Throws<ArgumentException>(() => g.Resize(x));
        Assert.Throws<ArgumentException>(() => g.Resize(x, g.Constant([1f]), g.Constant([1L])));
    }

    [Fact]
    public void Slice_with_steps_but_no_axes_leaves_the_axes_input_empty()
    {
        var g = new GraphBuilder("s");
        var x = g.Input("x", F, [4]);
        g.Output(g.Slice(x, g.Constant([3L]), g.Constant([-5L]), steps: g.Constant([-1L])), "y", F, [4]);

        NodeView slice = ModelView.Parse(g.Build()).Graph.Node("Slice");

        Assert.Equal(5, slice.Inputs.Count);
        Assert.Equal("", slice.Inputs[3]);
    }

    [Fact]
    public void Conv_and_Gemm_write_only_the_attributes_that_differ_from_the_defaults()
    {
        GraphView graph = Build(17, (g, x) =>
        {
            var w = g.Initializer("w", new float[9], [1, 1, 3, 3]);
            var m = g.Initializer("m", new float[6], [2, 3]);
            var flat = g.Reshape(x, [2, 3]);
            return [g.Conv(x, w), g.Conv(x, w, g.Constant([0f]), strides: [2, 2], pads: [1, 1, 1, 1], dilations: [1, 1], group: 1), g.Gemm(flat, m, transB: true, alpha: 0.5f)];
        });

        NodeView[] convs = graph.Nodes.Where(n => n.OpType == "Conv").ToArray();
        Assert.Empty(convs[0].Attributes);
        Assert.Equal(2, convs[0].Inputs.Count);
        Assert.Equal(["dilations", "pads", "strides"], convs[1].Attributes.Select(a => a.Name));
        Assert.Equal([1L, 1L, 1L, 1L], convs[1].Attribute("pads").Ints);
        Assert.Equal(3, convs[1].Inputs.Count);
        NodeView gemm = graph.Node("Gemm");
        Assert.Equal(["alpha", "transB"], gemm.Attributes.Select(a => a.Name));
        Assert.Equal(0.5f, gemm.Attribute("alpha").F);
        Assert.Equal(2, gemm.Inputs.Count);
    }

    [Fact]
    public void Clip_omits_missing_bounds_from_the_end_and_leaves_a_missing_min_empty()
    {
        GraphView graph = Build(17, (g, x) => [g.Clip(x, null, null), g.Clip(x, g.Constant(0f), null), g.Clip(x, null, g.Constant(1f))]);

        NodeView[] clips = graph.Nodes.Where(n => n.OpType == "Clip").ToArray();
        Assert.Equal([1, 2, 3], clips.Select(c => c.Inputs.Count));
        Assert.Equal("", clips[2].Inputs[1]);
    }

    [Fact]
    public void Cast_Softmax_Gather_and_ArgMax_carry_their_attributes()
    {
        GraphView graph = Build(17, (g, x) =>
        [
            g.Cast(x, TensorElementType.Float16),
            g.Softmax(x, axis: 1),
            g.Gather(x, g.Constant([0L]), axis: 1),
            g.ArgMax(x, axis: 1, keepDims: false, selectLastIndex: true),
        ]);

        Assert.Equal(10, graph.Node("Cast").Attribute("to").I);
        Assert.Equal(1, graph.Node("Softmax").Attribute("axis").I);
        Assert.Equal(1, graph.Node("Gather").Attribute("axis").I);
        NodeView argmax = graph.Node("ArgMax");
        Assert.Equal((1L, 0L, 1L), (argmax.Attribute("axis").I, argmax.Attribute("keepdims").I, argmax.Attribute("select_last_index").I));
    }

    [Fact]
    public void Split_returns_one_value_per_part()
    {
        var g = new GraphBuilder("split");
        var x = g.Input("x", F, [5]);
        GraphValue[] parts = g.Split(x, [2, 3]);
        g.Output(parts[0], "a", F, [2]);
        g.Output(parts[1], "b", F, [3]);

        NodeView split = ModelView.Parse(g.Build()).Graph.Node("Split");

        Assert.Equal(["a", "b"], split.Outputs);
    }

    [Fact]
    public void Shape_start_needs_opset_15_and_ConstantOfShape_a_one_element_value()
    {
        var g = new GraphBuilder("shape", opset: 13);
        var x = g.Input("x", F, [2, 3]);
        Assert.Throws<InvalidOperationException>(() => g.Shape(x, start: 1));
        Assert.Throws<ArgumentException>(() => g.ConstantOfShape(g.Shape(x), TensorData.FromFloat32([1f, 2f], [2])));
        Assert.Throws<ArgumentException>(() => g.ConstantOfShape(g.Shape(x), TensorData.Scalar(1f)));
    }

    [Fact]
    public void Constants_are_Constant_nodes_with_a_tensor_value()
    {
        var g = new GraphBuilder("c");
        g.Output(g.Constant([1L, -2L]), "ints", TensorElementType.Int64, [2]);
        g.Output(g.Constant(0.25f), "scalar", F, []);

        GraphView graph = ModelView.Parse(g.Build()).Graph;

        TensorView ints = graph.Nodes[0].Attribute("value").T;
        Assert.Equal((7, 1), (ints.DataType, ints.Dims.Length));
        Assert.Equal("0100000000000000feffffffffffffff", Convert.ToHexStringLower(ints.RawData));
        TensorView scalar = graph.Nodes[1].Attribute("value").T;
        Assert.Empty(scalar.Dims);
        Assert.Equal("0000803e", Convert.ToHexStringLower(scalar.RawData));
    }

    private static GraphView Build(int opset, Func<GraphBuilder, GraphValue, GraphValue[]> body)
    {
        var g = new GraphBuilder("ops", opset);
        var x = g.Input("x", F, [1, 1, 2, 3]);
        GraphValue[] outputs = body(g, x);
        for (int i = 0; i < outputs.Length; i++)
        {
            g.Output(outputs[i], $"out{i}", F, null);
        }

        return ModelView.Parse(g.Build()).Graph;
    }

    private static long[] ConstantInt64s(GraphView graph, string valueName)
    {
        NodeView constant = Assert.Single(graph.Nodes, n => n.OpType == "Constant" && n.Outputs[0] == valueName);
        TensorView t = constant.Attribute("value").T;
        Assert.Equal(7, t.DataType);
        return Enumerable.Range(0, t.RawData.Length / 8).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(t.RawData.AsSpan(i * 8))).ToArray();
    }
}
