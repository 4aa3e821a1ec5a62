using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests.Graph;

public sealed class GoldenModelTests
{
    // y = (x + b) * 2 with x: float [N, 2], b = [1, 2], metadata kind=stand-in. These bytes passed
    // onnx 1.12 onnx.checker.check_model(full_check=True) and equal, byte for byte, what protobuf's own
    // SerializeToString() writes for the same ModelProto built with onnx.helper.
    private const string TinyModelHex =
        "080812037672733abe010a190a01780a016212054164645f301a054164645f3022034164640a38120a436f6e7374616e745f311a0a436f6e7374616e745f312208436f6e7374616e742a140a0576616c75652a0810014a0400000040a001040a220a054164645f300a0a436f6e7374616e745f311201791a054d756c5f3222034d756c120474696e792a11080210014201624a080000803f000000405a140a0178120f0a0d080112090a0312014e0a02080262140a0179120f0a0d080112090a0312014e0a02080242040a00101172100a046b696e6412087374616e642d696e";

    [Fact]
    public void Tiny_model_matches_the_bytes_checked_by_onnx()
    {
        var g = new GraphBuilder("tiny");
        var x = g.Input("x", TensorElementType.Float32, ["N", 2]);
        var b = g.Initializer("b", new float[] { 1, 2 }, [2]);
        var y = g.Mul(g.Add(x, b), g.Constant(2f));
        g.Output(y, "y", TensorElementType.Float32, ["N", 2]);

        byte[] model = g.Build(metadata: new Dictionary<string, string> { ["kind"] = "stand-in" });

        Assert.Equal(TinyModelHex, Convert.ToHexStringLower(model));
    }

    [Fact]
    public void Building_twice_gives_the_same_bytes()
    {
        var g = new GraphBuilder("twice");
        var x = g.Input("x", TensorElementType.Float32, [3]);
        g.Output(g.Relu(x), "y", TensorElementType.Float32, [3]);

        Assert.Equal(g.Build(), g.Build());
    }
}
