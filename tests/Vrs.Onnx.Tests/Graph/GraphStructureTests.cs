using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests.Graph;

public sealed class GraphStructureTests
{
    private const TensorElementType F = TensorElementType.Float32;

    [Fact]
    public void Model_fields_round_trip_in_field_number_order()
    {
        var g = new GraphBuilder("add_mul") { DocString = "graph doc" };
        var x = g.Input("x", F, ["N", 3], docString: "frames");
        var b = g.Initializer("b", new float[] { 1, 2, 3 }, [3]);
        var y = g.Mul(g.Add(x, b), g.Constant(2f));
        g.Output(y, "y", F, ["N", 3]);

        ModelView m = ModelView.Parse(g.Build(
            producer: "vrs",
            producerVersion: "0.1.0",
            metadata: new Dictionary<string, string> { ["z.last"] = "1", ["a.first"] = "2" },
            docString: "model doc",
            modelVersion: 4));

        Assert.Equal([1, 2, 3, 5, 6, 7, 8, 14, 14], m.FieldOrder);
        Assert.Equal(8, m.IrVersion);
        Assert.Equal("vrs", m.ProducerName);
        Assert.Equal("0.1.0", m.ProducerVersion);
        Assert.Equal("model doc", m.DocString);
        Assert.Equal(4, m.ModelVersion);
        Assert.Equal([("", 17L)], m.Opsets);
        Assert.Equal([("a.first", "2"), ("z.last", "1")], m.Metadata);

        GraphView graph = m.Graph;
        Assert.Equal("add_mul", graph.Name);
        Assert.Equal("graph doc", graph.DocString);
        Assert.Equal(["Add", "Constant", "Mul"], graph.Nodes.Select(n => n.OpType));
        Assert.Equal(["x", "b"], graph.Node("Add").Inputs);
        Assert.Equal([graph.Node("Add").Outputs[0], graph.Node("Constant").Outputs[0]], graph.Node("Mul").Inputs);
        Assert.Equal(["y"], graph.Node("Mul").Outputs);
        Assert.Equal(graph.Nodes.Count, graph.Nodes.Select(n => n.Name).Distinct().Count());

        TensorView init = Assert.Single(graph.Initializers);
        Assert.Equal(("b", 1), (init.Name, init.DataType));
        Assert.Equal([3L], init.Dims);
        Assert.Equal("0000803f0000004000004040", Convert.ToHexStringLower(init.RawData));

        ValueInfoView input = Assert.Single(graph.Inputs);
        Assert.Equal(("x", 1, "frames"), (input.Name, input.ElemType, input.DocString));
        Assert.Equal(["N", "3"], input.Shape!);
        Assert.Equal("y", Assert.Single(graph.Outputs).Name);
    }

    [Fact]
    public void Shapes_distinguish_fixed_symbolic_unknown_scalar_and_unranked()
    {
        var g = new GraphBuilder("shapes");
        var a = g.Input("a", F, [2, "T", -1, OnnxDim.Unknown, default]);
        var s = g.Input("s", TensorElementType.Int64, []);
        var u = g.Input("u", TensorElementType.Bool, null);
        g.Output(g.Identity(a), "out", F, null);
        _ = (s, u);

        GraphView graph = ModelView.Parse(g.Build()).Graph;

        Assert.Equal(["2", "T", "?", "?", "?"], graph.Inputs[0].Shape!);
        Assert.Empty(graph.Inputs[1].Shape!);
        Assert.Equal(7, graph.Inputs[1].ElemType);
        Assert.Null(graph.Inputs[2].Shape);
        Assert.Null(graph.Outputs[0].Shape);
    }

    [Fact]
    public void Dims_convert_from_integers_and_names()
    {
        OnnxDim fixedDim = 5;
        OnnxDim named = "N";
        Assert.Equal(5, fixedDim.Value);
        Assert.Equal("N", named.Name);
        Assert.Null(named.Value);
        Assert.False(OnnxDim.Unknown.IsFixed);
        Assert.Equal(OnnxDim.Unknown, default);
        Assert.Throws<ArgumentOutOfRangeException>(() => (OnnxDim)(-2));
        Assert.Throws<ArgumentException>(() => (OnnxDim)"");
    }

    [Fact]
    public void Outputs_that_are_not_fresh_node_outputs_go_through_identity()
    {
        var g = new GraphBuilder("identity");
        var x = g.Input("x", F, [2]);
        var w = g.Initializer("w", new float[] { 1, 2 }, [2]);
        var sum = g.Add(x, w);
        g.Output(sum, "first", F, [2]);
        g.Output(sum, "second", F, [2]);
        g.Output(x, "x_copy", F, [2]);
        g.Output(w, "w_copy", F, [2]);

        GraphView graph = ModelView.Parse(g.Build()).Graph;

        Assert.Equal(["first", "second", "x_copy", "w_copy"], graph.Outputs.Select(o => o.Name));
        Assert.Equal(["Add", "Identity", "Identity", "Identity"], graph.Nodes.Select(n => n.OpType));
        Assert.Equal(["first"], graph.Nodes[0].Outputs);
        Assert.Equal([["first"], ["x"], ["w"]], graph.Nodes.Skip(1).Select(n => n.Inputs));
    }

    [Fact]
    public void An_output_name_is_declared_once()
    {
        var g = new GraphBuilder("dup");
        var y = g.Relu(g.Input("x", F, [2]));
        g.Output(y, "y", F, [2]);

        var e = Assert.Throws<ArgumentException>(() => g.Output(y, "y", F, [2]));
        Assert.Contains("already has an output named 'y'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Renaming_an_output_updates_nodes_that_already_read_it()
    {
        var g = new GraphBuilder("rename");
        var x = g.Input("x", F, [2]);
        var r = g.Relu(x);
        var doubled = g.Add(r, r);
        g.Output(r, "relu", F, [2]);
        g.Output(doubled, "doubled", F, [2]);

        GraphView graph = ModelView.Parse(g.Build()).Graph;

        Assert.Equal(["relu", "relu"], graph.Node("Add").Inputs);
        Assert.Equal("relu", r.Name);
    }

    [Fact]
    public void Multi_output_nodes_get_distinct_output_names()
    {
        var g = new GraphBuilder("topk");
        var x = g.Input("x", F, [5]);
        var (values, indices) = g.TopK(x, 2);
        g.Output(values, "v", F, [2]);
        g.Output(indices, "i", TensorElementType.Int64, [2]);

        NodeView topk = ModelView.Parse(g.Build()).Graph.Node("TopK");

        Assert.Equal(["v", "i"], topk.Outputs);
        Assert.Equal(2, topk.Inputs.Count);
        Assert.Equal(-1, topk.Attribute("axis").I);
    }

    [Fact]
    public void Names_must_be_unique_and_values_must_come_from_this_graph()
    {
        var g = new GraphBuilder("names");
        var x = g.Input("x", F, [1]);
        Assert.Throws<ArgumentException>(() => g.Input("x", F, [1]));
        Assert.Throws<ArgumentException>(() => g.Initializer("x", new float[] { 1 }, [1]));

        var other = new GraphBuilder("other");
        var foreign = other.Input("foreign", F, [1]);
        var e = Assert.Throws<ArgumentException>(() => g.Add(x, foreign));
        Assert.Contains("belongs to graph 'other'", e.Message, StringComparison.Ordinal);

        var auto = g.Relu(x);
        Assert.Throws<ArgumentException>(() => g.Output(g.Relu(x), auto.Name, F, [1]));
    }

    [Fact]
    public void A_user_name_that_looks_generated_does_not_collide()
    {
        var g = new GraphBuilder("collide");
        var x = g.Input("Relu_0", F, [1]);
        var y = g.Relu(x);
        g.Output(y, F, [1]);

        NodeView relu = ModelView.Parse(g.Build()).Graph.Node("Relu");

        Assert.Equal(["Relu_0"], relu.Inputs);
        Assert.NotEqual("Relu_0", Assert.Single(relu.Outputs));
    }

    [Fact]
    public void Build_refuses_graphs_without_outputs_and_subgraphs()
    {
        var g = new GraphBuilder("empty");
        _ = g.Input("x", F, [1]);
        Assert.Throws<InvalidOperationException>(() => g.Build());
        Assert.Throws<InvalidOperationException>(() => g.Subgraph("sub").Build());
    }

    [Theory]
    [InlineData(13, 7)]
    [InlineData(15, 8)]
    [InlineData(17, 8)]
    [InlineData(18, 8)]
    [InlineData(19, 9)]
    [InlineData(21, 10)]
    [InlineData(23, 11)]
    public void Ir_version_follows_the_opset(int opset, long ir)
    {
        var g = new GraphBuilder("ir", opset);
        g.Output(g.Relu(g.Input("x", F, [1])), "y", F, [1]);

        ModelView m = ModelView.Parse(g.Build());

        Assert.Equal(ir, m.IrVersion);
        Assert.Equal([("", (long)opset)], m.Opsets);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(24)]
    public void Opsets_outside_the_supported_range_are_refused(int opset) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GraphBuilder("bad", opset));

    [Fact]
    public void Microsoft_domain_is_imported_automatically_and_other_domains_must_be_imported()
    {
        var g = new GraphBuilder("domains");
        var x = g.Input("x", F, [3]);
        g.Output(g.Node("Gelu", [x], domain: GraphBuilder.MicrosoftDomain), "y", F, [3]);
        Assert.Equal([("", 17L), ("com.microsoft", 1L)], ModelView.Parse(g.Build()).Opsets);

        g.Output(g.Node("Thing", [x], domain: "vrs.custom"), "z", F, [3]);
        var e = Assert.Throws<InvalidOperationException>(() => g.Build());
        Assert.Contains("ImportDomain(\"vrs.custom\", version)", e.Message, StringComparison.Ordinal);

        g.ImportDomain("vrs.custom", 2);
        Assert.Equal([("", 17L), ("com.microsoft", 1L), ("vrs.custom", 2L)], ModelView.Parse(g.Build()).Opsets);
    }

    [Fact]
    public void If_branches_are_graph_attributes_that_read_outer_values()
    {
        var g = new GraphBuilder("if");
        var c = g.Input("c", TensorElementType.Bool, []);
        var x = g.Input("x", F, [2]);
        var then = g.Subgraph("then");
        then.Output(then.Add(x, then.Constant(1f)), "then_out", F, [2]);
        var otherwise = g.Subgraph("else");
        otherwise.Output(x, "else_out", F, [2]);
        g.Output(g.If(c, then, otherwise)[0], "y", F, [2]);

        NodeView node = ModelView.Parse(g.Build()).Graph.Node("If");

        Assert.Equal(["c"], node.Inputs);
        Assert.Equal(["y"], node.Outputs);
        Assert.Equal(["else_branch", "then_branch"], node.Attributes.Select(a => a.Name));
        Assert.All(node.Attributes, a => Assert.Equal(5, a.Type));
        GraphView thenGraph = node.Attribute("then_branch").G;
        Assert.Empty(thenGraph.Inputs);
        Assert.Equal(["Constant", "Add"], thenGraph.Nodes.Select(n => n.OpType));
        Assert.Equal("x", thenGraph.Node("Add").Inputs[0]);
        GraphView elseGraph = node.Attribute("else_branch").G;
        Assert.Equal(["x"], elseGraph.Node("Identity").Inputs);
        Assert.Equal("else_out", Assert.Single(elseGraph.Outputs).Name);
    }

    [Fact]
    public void Subgraph_values_are_invisible_to_the_parent()
    {
        var g = new GraphBuilder("scope");
        var sub = g.Subgraph("sub");
        var inner = sub.Constant(1f);
        Assert.Throws<ArgumentException>(() => g.Relu(inner));

        var stranger = new GraphBuilder("stranger").Subgraph("s");
        stranger.Output(stranger.Constant(1f), "o", F, []);
        var cond = g.Input("c", TensorElementType.Bool, []);
        Assert.Throws<ArgumentException>(() => g.If(cond, stranger, stranger));
    }

    [Fact]
    public void Value_info_is_written_for_intermediate_values()
    {
        var g = new GraphBuilder("vi");
        var x = g.Input("x", F, ["N"]);
        var r = g.Relu(x);
        g.ValueInfo(r, F, ["N"], docString: "after relu");
        g.Output(g.Neg(r), "y", F, ["N"]);

        ValueInfoView vi = Assert.Single(ModelView.Parse(g.Build()).Graph.ValueInfos);

        Assert.Equal((r.Name, 1, "after relu"), (vi.Name, vi.ElemType, vi.DocString));
        Assert.Equal(["N"], vi.Shape!);
    }
}
