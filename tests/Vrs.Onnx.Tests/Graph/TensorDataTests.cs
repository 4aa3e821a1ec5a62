using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests.Graph;

public sealed class TensorDataTests
{
    [Fact]
    public void Float16_initializer_is_stored_as_little_endian_half_bits()
    {
        var g = new GraphBuilder("half");
        var h = g.Initializer("h", new Half[] { (Half)1.5f, (Half)(-2f), Half.MaxValue, (Half)0.5f }, [2, 2]);
        g.Output(g.Cast(h, TensorElementType.Float32), "y", TensorElementType.Float32, [2, 2]);

        TensorView t = Assert.Single(ModelView.Parse(g.Build()).Graph.Initializers);

        Assert.Equal("h", t.Name);
        Assert.Equal(10, t.DataType);
        Assert.Equal([2L, 2L], t.Dims);
        // 1.5 = 0x3E00, -2 = 0xC000, 65504 = 0x7BFF, 0.5 = 0x3800
        Assert.Equal("003e00c0ff7b0038", Convert.ToHexStringLower(t.RawData));
    }

    [Fact]
    public void Each_element_type_has_its_onnx_number_and_little_endian_layout()
    {
        Assert.Equal("0000803f000000c0", Hex(TensorData.FromFloat32([1f, -2f], [2]), TensorElementType.Float32));
        Assert.Equal("182d4454fb210940", Hex(TensorData.FromFloat64([Math.PI], []), TensorElementType.Float64));
        Assert.Equal("feffffffffffffff0000000001000000", Hex(TensorData.FromInt64([-2, 1L << 32], [2]), TensorElementType.Int64));
        Assert.Equal("ffffffff02000000", Hex(TensorData.FromInt32([-1, 2], [2]), TensorElementType.Int32));
        Assert.Equal("00ff07", Hex(TensorData.FromUInt8([0, 255, 7], [3]), TensorElementType.UInt8));
        Assert.Equal("807f", Hex(TensorData.FromInt8([-128, 127], [2]), TensorElementType.Int8));
        Assert.Equal("010001", Hex(TensorData.FromBool([true, false, true], [3]), TensorElementType.Bool));
    }

    [Fact]
    public void Enum_values_are_the_onnx_data_type_numbers()
    {
        Assert.Equal(
            [1, 2, 3, 6, 7, 9, 10, 11],
            new[] { TensorElementType.Float32, TensorElementType.UInt8, TensorElementType.Int8, TensorElementType.Int32, TensorElementType.Int64, TensorElementType.Bool, TensorElementType.Float16, TensorElementType.Float64 }.Select(t => (int)t));
    }

    [Fact]
    public void Scalars_have_no_dims()
    {
        TensorData s = TensorData.Scalar(3f);
        Assert.Empty(s.Dims);
        Assert.Equal(1, s.ElementCount);
        Assert.Equal("00004040", Convert.ToHexStringLower(s.RawData));
    }

    [Fact]
    public void Values_that_do_not_fill_the_shape_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => TensorData.FromFloat32([1f, 2f, 3f], [2, 2]));
        Assert.Contains("3 float values do not fill shape [2, 2], which holds 4", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TensorData.FromInt64([1], [-1]));
    }

    [Fact]
    public void Raw_data_must_be_whole_elements_of_a_fixed_size_type()
    {
        Assert.Throws<ArgumentException>(() => TensorData.FromRawData(TensorElementType.Float32, new byte[6], [2]));
        Assert.Throws<ArgumentException>(() => TensorData.FromRawData(TensorElementType.String, new byte[4], [1]));
        TensorData ok = TensorData.FromRawData(TensorElementType.Float16, [0x00, 0x3C], [1]);
        Assert.Equal(TensorElementType.Float16, ok.ElementType);
    }

    [Fact]
    public void Empty_tensors_are_allowed()
    {
        TensorData empty = TensorData.FromFloat32([], [0, 3]);
        Assert.Equal(0, empty.ElementCount);
        Assert.Equal([0L, 3L], empty.Dims);
    }

    private static string Hex(TensorData data, TensorElementType expectedType)
    {
        Assert.Equal(expectedType, data.ElementType);
        return Convert.ToHexStringLower(data.RawData);
    }
}
