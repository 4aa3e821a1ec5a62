using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests.Graph;

public sealed class AttributeEncodingTests
{
    [Fact]
    public void Every_attribute_type_round_trips_with_its_onnx_type_number()
    {
        var g = new GraphBuilder("attrs");
        var x = g.Input("x", TensorElementType.Float32, [1]);
        var branch = g.Subgraph("branch");
        branch.Output(branch.Constant(1f), "branch_out", TensorElementType.Float32, []);
        var y = g.Node(
            "Custom",
            [x],
            [
                NodeAttribute.OfFloat("f", -1.25f),
                NodeAttribute.OfInt("i", -7),
                NodeAttribute.OfString("s", "nearest ü"),
                NodeAttribute.OfTensor("t", TensorData.FromInt64([3, -4], [2])),
                NodeAttribute.OfGraph("g", branch),
                NodeAttribute.OfFloats("fs", [0.5f, 2f, -3f]),
                NodeAttribute.OfInts("is", [1, -1, 1L << 40]),
                NodeAttribute.OfStrings("ss", ["a", "", "ç"]),
            ],
            domain: "vrs.test");
        g.Output(y, "y", TensorElementType.Float32, [1]);
        g.ImportDomain("vrs.test", 1);

        NodeView node = ModelView.Parse(g.Build()).Graph.Node("Custom");

        Assert.Equal(["f", "i", "s", "t", "g", "fs", "is", "ss"], node.Attributes.Select(a => a.Name));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], node.Attributes.Select(a => a.Type));
        Assert.Equal(-1.25f, node.Attribute("f").F);
        Assert.Equal(-7, node.Attribute("i").I);
        Assert.Equal("nearest ü", node.Attribute("s").S);
        TensorView t = node.Attribute("t").T;
        Assert.Equal((int)TensorElementType.Int64, t.DataType);
        Assert.Equal([2L], t.Dims);
        Assert.Null(t.Name);
        Assert.Equal("0300000000000000fcffffffffffffff", Convert.ToHexStringLower(t.RawData));
        GraphView sub = node.Attribute("g").G;
        Assert.Equal("branch", sub.Name);
        Assert.Equal("branch_out", Assert.Single(sub.Outputs).Name);
        Assert.Equal([0.5f, 2f, -3f], node.Attribute("fs").Floats);
        Assert.Equal([1, -1, 1L << 40], node.Attribute("is").Ints);
        Assert.Equal(["a", "", "ç"], node.Attribute("ss").Strings);
        Assert.Equal("vrs.test", node.Domain);
    }

    [Fact]
    public void Repeated_attribute_values_are_unpacked_as_onnx_proto_declares_them()
    {
        // onnx.proto is proto2 and does not mark AttributeProto.ints packed: one tag per element.
        var g = new GraphBuilder("ints");
        var x = g.Input("x", TensorElementType.Float32, [2, 3]);
        g.Output(g.Transpose(x, [1, 0]), "y", TensorElementType.Float32, [3, 2]);

        ProtoMessage perm = ModelView.Parse(g.Build()).Graph.Node("Transpose").Attribute("perm").Raw;

        Assert.Equal([1, 8, 8, 20], perm.FieldNumbers);
        Assert.All(perm.Fields.Where(f => f.Number == 8), f => Assert.Equal(0, f.WireType));
    }

    [Fact]
    public void Zero_valued_attributes_are_still_written()
    {
        var g = new GraphBuilder("zero");
        var x = g.Input("x", TensorElementType.Float32, [2]);
        g.Output(g.Node("LeakyRelu", [x], [NodeAttribute.OfFloat("alpha", 0f)]), "y", TensorElementType.Float32, [2]);

        AttributeView alpha = ModelView.Parse(g.Build()).Graph.Node("LeakyRelu").Attribute("alpha");

        Assert.True(alpha.Raw.Has(2));
        Assert.Equal(0f, alpha.F);
    }

    [Fact]
    public void An_attribute_given_twice_is_refused()
    {
        var g = new GraphBuilder("twice");
        var x = g.Input("x", TensorElementType.Float32, [2]);

        var e = Assert.Throws<ArgumentException>(() => g.Node("Softmax", [x], [NodeAttribute.OfInt("axis", 0), NodeAttribute.OfInt("axis", 1)]));
        Assert.Contains("'axis' is given twice", e.Message, StringComparison.Ordinal);
    }
}
