using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests.Graph;

public sealed class GraphValueOperatorTests
{
    [Fact]
    public void Operators_add_the_matching_nodes_with_scalar_constants()
    {
        var g = new GraphBuilder("ops");
        var x = g.Input("x", TensorElementType.Float32, [3]);
        var d = x - 1f;
        var y = -(d * d) / (2f + x);
        g.Output(y, "y", TensorElementType.Float32, [3]);

        GraphView graph = ModelView.Parse(g.Build()).Graph;

        Assert.Equal(["Constant", "Sub", "Mul", "Neg", "Constant", "Add", "Div"], graph.Nodes.Select(n => n.OpType));
        Assert.Equal([graph.Nodes[1].Outputs[0], graph.Nodes[1].Outputs[0]], graph.Node("Mul").Inputs);
        Assert.Equal([graph.Nodes[4].Outputs[0], "x"], graph.Node("Add").Inputs);
        Assert.Equal(["y"], graph.Node("Div").Outputs);
    }

    [Fact]
    public void An_operator_on_an_outer_and_an_inner_value_lands_in_the_inner_graph()
    {
        var g = new GraphBuilder("outer");
        var x = g.Input("x", TensorElementType.Float32, [1]);
        var branch = g.Subgraph("branch");
        var one = branch.Constant(1f);

        GraphValue sum = x + one;

        branch.Output(sum, "branch_out", TensorElementType.Float32, [1]);
        Assert.Empty(g.Nodes);
        Assert.Equal(["Constant", "Add"], branch.Nodes.Select(n => n.OpType));
    }

    [Fact]
    public void None_cannot_be_computed_with()
    {
        var g = new GraphBuilder("none");
        var x = g.Input("x", TensorElementType.Float32, [1]);
        Assert.Throws<InvalidOperationException>(() => x + GraphValue.None);
    }
}
