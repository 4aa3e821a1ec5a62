using System.Buffers.Binary;
using System.Text;

namespace Vrs.Onnx.Graph;

/// <summary>
/// Protocol-buffers wire format, the few encodings ONNX needs: varints, fixed32 floats and length-delimited
/// fields. A nested message is written into its own writer first and then copied in behind its length.
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireFixed32 = 5;
    private const int WireLengthDelimited = 2;

    private byte[] _buffer;
    private int _length;

    public ProtoWriter(int capacity = 64)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>An int64 field; negative values take ten bytes (two's complement), as protobuf does.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>An int32 or enum field; negative values are sign-extended to 64 bits, as protobuf does.</summary>
    public void WriteInt32(int field, int value) => WriteInt64(field, value);

    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireFixed32);
        BinaryPrimitives.WriteSingleLittleEndian(Reserve(4), value);
        _length += 4;
    }

    public void WriteString(int field, string value)
    {
        int count = Encoding.UTF8.GetByteCount(value);
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)count);
        Encoding.UTF8.GetBytes(value, Reserve(count));
        _length += count;
    }

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)value.Length);
        value.CopyTo(Reserve(value.Length));
        _length += value.Length;
    }

    /// <summary>A nested message whose encoded body is <paramref name="message"/>.</summary>
    public void WriteMessage(int field, ProtoWriter message) => WriteBytes(field, message.WrittenSpan);

    internal void WriteVarint(ulong value)
    {
        Span<byte> span = Reserve(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _length += i;
    }

    private void WriteTag(int field, int wireType)
    {
        if (field <= 0 || field > 0x1FFFFFFF)
        {
            throw new ArgumentOutOfRangeException(nameof(field), field, "protobuf field numbers run from 1 to 2^29 - 1");
        }

        WriteVarint((uint)((field << 3) | wireType));
    }

    private Span<byte> Reserve(int count)
    {
        if (_buffer.Length - _length < count)
        {
            long wanted = Math.Max((long)_buffer.Length * 2, (long)_length + count);
            if (wanted > Array.MaxLength)
            {
                throw new InvalidOperationException("the ONNX model would exceed 2 GiB, the protobuf limit; keep large weights out of stand-in graphs");
            }

            Array.Resize(ref _buffer, (int)wanted);
        }

        return _buffer.AsSpan(_length, count);
    }
}
