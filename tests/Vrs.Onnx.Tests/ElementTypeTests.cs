using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests;

/// <summary>Every supported element type survives a trip through an Identity model bit for bit.</summary>
public sealed class ElementTypeTests
{
    [Fact]
    public void Float32_round_trips() => RoundTrip(TensorElementType.Float32, [0f, -1.5f, float.MaxValue, float.Epsilon, float.NegativeInfinity, 3.25f]);

    [Fact]
    public void Float16_round_trips() => RoundTrip(TensorElementType.Float16, [(Half)0, (Half)(-1.5f), Half.MaxValue, Half.Epsilon, (Half)65504, (Half)0.333f]);

    [Fact]
    public void Int64_round_trips() => RoundTrip(TensorElementType.Int64, [0L, -1L, long.MaxValue, long.MinValue, 1L << 40, 42L]);

    [Fact]
    public void Int32_round_trips() => RoundTrip(TensorElementType.Int32, [0, -1, int.MaxValue, int.MinValue, 1 << 20, 42]);

    [Fact]
    public void UInt8_round_trips() => RoundTrip(TensorElementType.UInt8, [(byte)0, (byte)1, (byte)127, (byte)128, (byte)254, (byte)255]);

    [Fact]
    public void Bool_round_trips() => RoundTrip(TensorElementType.Bool, [true, false, false, true, true, true]);

    [Fact]
    public void Introspection_reports_each_element_type()
    {
        (TensorElementType Model, TensorElementType Type)[] cases =
        [
            (TensorElementType.Float32, TensorElementType.Float32), (TensorElementType.Float16, TensorElementType.Float16),
            (TensorElementType.Int64, TensorElementType.Int64), (TensorElementType.Int32, TensorElementType.Int32),
            (TensorElementType.UInt8, TensorElementType.UInt8), (TensorElementType.Bool, TensorElementType.Bool),
        ];
        foreach ((TensorElementType model, TensorElementType type) in cases)
        {
            using InferenceSession session = TestModels.Open(TestGraphs.Identity(model));
            Assert.Equal(type, session.Input("x").ElementType);
            Assert.Equal(type, session.Output("y").ElementType);
        }
    }

    [Fact]
    public void Feeding_the_wrong_element_type_is_an_invalid_argument_error()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Identity(TensorElementType.Float32));
        using OnnxTensor<int> wrong = OnnxTensor.FromArray(new int[4], 2, 2);

        OnnxRuntimeException error = Assert.Throws<OnnxRuntimeException>(() => session.Run(("x", wrong)).Dispose());

        Assert.Equal(OrtErrorCode.InvalidArgument, error.ErrorCode);
        Assert.Contains("tensor(int32)", error.NativeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_an_output_as_the_wrong_type_is_refused()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Identity(TensorElementType.Int64));
        using OnnxTensor<long> x = OnnxTensor.FromArray(new long[] { 1, 2 }, 1, 2);
        using RunResult result = session.Run(("x", x));

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => result.GetData<float>("y").ToArray());

        Assert.Contains("int64", error.Message, StringComparison.Ordinal);
    }

    private static void RoundTrip<T>(TensorElementType elementType, T[] values)
        where T : unmanaged, IEquatable<T>
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Identity(elementType));
        using OnnxTensor<T> x = OnnxTensor.FromArray(values, 2, 3);

        using RunResult result = session.Run(("x", x));

        Assert.Equal(TensorElementTypes.Of<T>(), result.GetElementType(0));
        Assert.Equal([2, 3], result.GetShape("y"));
        Assert.Equal(values, result.ToArray<T>("y"));

        // The same values through a preallocated output tensor.
        using OnnxTensor<T> y = OnnxTensor.Allocate<T>([2, 3]);
        using SessionRunner runner = session.CreateRunner();
        runner.BindInput("x", x);
        runner.BindOutput("y", y);
        runner.Run();
        Assert.Equal(values, y.Span.ToArray());
    }
}
