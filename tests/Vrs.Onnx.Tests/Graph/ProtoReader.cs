using System.Buffers.Binary;
using System.Text;

namespace Vrs.Onnx.Tests.Graph;

/// <summary>One field occurrence of a decoded protobuf message.</summary>
internal readonly record struct ProtoField(int Number, int WireType, ulong Scalar, ReadOnlyMemory<byte> Bytes);

/// <summary>
/// A minimal protobuf decoder for tests: splits a message into its fields without a schema. Repeated scalars
/// are read both packed and unpacked, as protobuf parsers must.
/// </summary>
internal sealed class ProtoMessage
{
    private readonly List<ProtoField> _fields = [];

    public ProtoMessage(ReadOnlyMemory<byte> data)
    {
        ReadOnlySpan<byte> span = data.Span;
        int pos = 0;
        while (pos < span.Length)
        {
            ulong tag = ReadVarint(span, ref pos);
            int number = (int)(tag >> 3);
            int wire = (int)(tag & 7);
            Assert.True(number > 0, $"field number 0 at byte {pos}");
            switch (wire)
            {
                case 0:
                    _fields.Add(new ProtoField(number, wire, ReadVarint(span, ref pos), default));
                    break;
                case 1:
                    _fields.Add(new ProtoField(number, wire, BinaryPrimitives.ReadUInt64LittleEndian(span[pos..]), default));
                    pos += 8;
                    break;
                case 2:
                    int length = checked((int)ReadVarint(span, ref pos));
                    Assert.True(pos + length <= span.Length, $"field {number}: length {length} runs past the end");
                    _fields.Add(new ProtoField(number, wire, 0, data.Slice(pos, length)));
                    pos += length;
                    break;
                case 5:
                    _fields.Add(new ProtoField(number, wire, BinaryPrimitives.ReadUInt32LittleEndian(span[pos..]), default));
                    pos += 4;
                    break;
                default:
                    Assert.Fail($"field {number}: unexpected wire type {wire}");
                    break;
            }
        }

        Assert.Equal(span.Length, pos);
    }

    public IReadOnlyList<ProtoField> Fields => _fields;

    public IEnumerable<int> FieldNumbers => _fields.Select(f => f.Number);

    public bool Has(int number) => _fields.Any(f => f.Number == number);

    public long Int64(int number) => unchecked((long)Single(number, 0).Scalar);

    public float Float(int number) => BitConverter.UInt32BitsToSingle((uint)Single(number, 5).Scalar);

    public string String(int number) => Encoding.UTF8.GetString(Single(number, 2).Bytes.Span);

    public byte[] Bytes(int number) => Single(number, 2).Bytes.ToArray();

    public ProtoMessage Message(int number) => new(Single(number, 2).Bytes);

    public IEnumerable<ProtoMessage> Messages(int number) => Of(number).Select(f => new ProtoMessage(f.Bytes));

    public IEnumerable<string> Strings(int number) => Of(number).Select(f => Encoding.UTF8.GetString(f.Bytes.Span));

    /// <summary>Repeated int64, packed or not.</summary>
    public long[] Int64s(int number)
    {
        var values = new List<long>();
        foreach (ProtoField f in Of(number))
        {
            if (f.WireType == 0)
            {
                values.Add(unchecked((long)f.Scalar));
            }
            else
            {
                ReadOnlySpan<byte> packed = f.Bytes.Span;
                int pos = 0;
                while (pos < packed.Length)
                {
                    values.Add(unchecked((long)ReadVarint(packed, ref pos)));
                }
            }
        }

        return [.. values];
    }

    /// <summary>Repeated float, packed or not.</summary>
    public float[] Floats(int number)
    {
        var values = new List<float>();
        foreach (ProtoField f in Of(number))
        {
            if (f.WireType == 5)
            {
                values.Add(BitConverter.UInt32BitsToSingle((uint)f.Scalar));
            }
            else
            {
                for (int i = 0; i < f.Bytes.Length; i += 4)
                {
                    values.Add(BinaryPrimitives.ReadSingleLittleEndian(f.Bytes.Span[i..]));
                }
            }
        }

        return [.. values];
    }

    private IEnumerable<ProtoField> Of(int number) => _fields.Where(f => f.Number == number);

    private ProtoField Single(int number, int wireType)
    {
        ProtoField[] matches = Of(number).ToArray();
        Assert.True(matches.Length == 1, $"expected field {number} once, found it {matches.Length} times");
        Assert.Equal(wireType, matches[0].WireType);
        return matches[0];
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = span[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("varint longer than 10 bytes");
    }
}
