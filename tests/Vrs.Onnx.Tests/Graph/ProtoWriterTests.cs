using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests.Graph;

public sealed class ProtoWriterTests
{
    [Theory]
    [InlineData(0L, "0800")]
    [InlineData(1L, "0801")]
    [InlineData(127L, "087f")]
    [InlineData(128L, "088001")]
    [InlineData(300L, "08ac02")]
    [InlineData(-1L, "08ffffffffffffffffff01")]
    [InlineData(long.MaxValue, "08ffffffffffffffff7f")]
    [InlineData(long.MinValue, "0880808080808080808001")]
    public void Int64_fields_are_base128_varints_with_twos_complement_negatives(long value, string hex)
    {
        var w = new ProtoWriter();
        w.WriteInt64(1, value);
        Assert.Equal(hex, Convert.ToHexStringLower(w.WrittenSpan));
    }

    [Fact]
    public void Negative_int32_is_sign_extended_to_ten_bytes()
    {
        var w = new ProtoWriter();
        w.WriteInt32(2, -2);
        Assert.Equal("10feffffffffffffffff01", Convert.ToHexStringLower(w.WrittenSpan));
    }

    [Fact]
    public void Field_numbers_above_fifteen_take_a_two_byte_tag()
    {
        var w = new ProtoWriter();
        w.WriteInt32(20, 4);
        Assert.Equal("a00104", Convert.ToHexStringLower(w.WrittenSpan));
    }

    [Fact]
    public void Floats_are_fixed32_little_endian()
    {
        var w = new ProtoWriter();
        w.WriteFloat(2, 1f);
        w.WriteFloat(7, -0.5f);
        Assert.Equal("150000803f3d000000bf", Convert.ToHexStringLower(w.WrittenSpan));
    }

    [Fact]
    public void Strings_are_utf8_with_a_byte_length()
    {
        var w = new ProtoWriter();
        w.WriteString(1, "hé");
        Assert.Equal("0a0368c3a9", Convert.ToHexStringLower(w.WrittenSpan));
    }

    [Fact]
    public void Nested_messages_are_length_prefixed_and_long_bodies_get_multi_byte_lengths()
    {
        var inner = new ProtoWriter(1);
        inner.WriteBytes(9, new byte[200]);
        var outer = new ProtoWriter(1);
        outer.WriteMessage(5, inner);

        byte[] bytes = outer.ToArray();
        Assert.Equal("2acb014ac801", Convert.ToHexStringLower(bytes.AsSpan(0, 6)));
        Assert.Equal(6 + 200, bytes.Length);
        var decoded = new ProtoMessage(bytes).Message(5);
        Assert.Equal(new byte[200], decoded.Bytes(9));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1 << 29)]
    public void Invalid_field_numbers_are_refused(int field)
    {
        var w = new ProtoWriter();
        Assert.Throws<ArgumentOutOfRangeException>(() => w.WriteInt64(field, 1));
    }
}
