using System.Runtime.InteropServices;

namespace Vrs.Onnx.Graph;

/// <summary>
/// A constant tensor for an initializer, a <c>Constant</c> node or a tensor attribute: element type, dimensions
/// and the values as little-endian bytes, the layout of <c>TensorProto.raw_data</c>.
/// </summary>
public sealed class TensorData
{
    private readonly long[] _dims;
    private readonly byte[] _rawData;

    private TensorData(TensorElementType elementType, ReadOnlySpan<long> dims, byte[] rawData)
    {
        _dims = dims.ToArray();
        _rawData = rawData;
        ElementType = elementType;
    }

    public TensorElementType ElementType { get; }

    /// <summary>The dimensions; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims => _dims;

    public long ElementCount => ElementCountOf(_dims);

    internal ReadOnlySpan<long> DimsSpan => _dims;

    internal ReadOnlySpan<byte> RawData => _rawData;

    public static TensorData FromFloat32(ReadOnlySpan<float> values, ReadOnlySpan<long> dims) => FromValues(TensorElementType.Float32, values, dims);

    public static TensorData FromFloat16(ReadOnlySpan<Half> values, ReadOnlySpan<long> dims) => FromValues(TensorElementType.Float16, values, dims);

    public static TensorData FromFloat64(ReadOnlySpan<double> values, ReadOnlySpan<long> dims) => FromValues(TensorElementType.Float64, values, dims);

    public static TensorData FromInt64(ReadOnlySpan<long> values, ReadOnlySpan<long> dims) => FromValues(TensorElementType.Int64, values, dims);

    public static TensorData FromInt32(ReadOnlySpan<int> values, ReadOnlySpan<long> dims) => FromValues(TensorElementType.Int32, values, dims);

    public static TensorData FromUInt8(ReadOnlySpan<byte> values, ReadOnlySpan<long> dims) => FromValues(TensorElementType.UInt8, values, dims);

    public static TensorData FromInt8(ReadOnlySpan<sbyte> values, ReadOnlySpan<long> dims) => FromValues(TensorElementType.Int8, values, dims);

    /// <summary>Booleans, one byte each (0 or 1), as ONNX stores them (and .NET lays them out).</summary>
    public static TensorData FromBool(ReadOnlySpan<bool> values, ReadOnlySpan<long> dims) => FromValues(TensorElementType.Bool, values, dims);

    /// <summary>Values already laid out as little-endian <c>raw_data</c> of a fixed-size element type.</summary>
    public static TensorData FromRawData(TensorElementType elementType, ReadOnlySpan<byte> littleEndianData, ReadOnlySpan<long> dims)
    {
        int size = elementType.ElementSize();
        if (size == 0)
        {
            throw new ArgumentException($"element type {elementType.OnnxName()} has no fixed-size raw_data form", nameof(elementType));
        }

        if (littleEndianData.Length % size != 0)
        {
            throw new ArgumentException($"{littleEndianData.Length} bytes is not a whole number of {elementType.OnnxName()} elements ({size} bytes each)", nameof(littleEndianData));
        }

        byte[] raw = Allocate(elementType, littleEndianData.Length / size, dims);
        littleEndianData.CopyTo(raw);
        return new TensorData(elementType, dims, raw);
    }

    /// <summary>
    /// The values' memory is already <c>raw_data</c>'s layout on a little-endian host (every platform .NET runs vrs on);
    /// a big-endian one is refused rather than written wrong.
    /// </summary>
    private static TensorData FromValues<T>(TensorElementType elementType, ReadOnlySpan<T> values, ReadOnlySpan<long> dims)
        where T : unmanaged => BitConverter.IsLittleEndian
            ? FromRawData(elementType, MemoryMarshal.AsBytes(values), dims)
            : throw new PlatformNotSupportedException("ONNX raw_data is little-endian; vrs writes it on little-endian hosts only.");

    public static TensorData Scalar(float value) => FromFloat32([value], []);

    public static TensorData Scalar(long value) => FromInt64([value], []);

    public static TensorData Scalar(bool value) => FromBool([value], []);

    internal static long ElementCountOf(ReadOnlySpan<long> dims)
    {
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"tensor dimensions must be fixed and non-negative, got [{string.Join(", ", dims.ToArray())}]", nameof(dims));
            }

            count = checked(count * d);
        }

        return count;
    }

    private static byte[] Allocate(TensorElementType elementType, int valueCount, ReadOnlySpan<long> dims)
    {
        long expected = ElementCountOf(dims);
        if (expected != valueCount)
        {
            throw new ArgumentException(
                $"{valueCount} {elementType.OnnxName()} values do not fill shape [{string.Join(", ", dims.ToArray())}], which holds {expected}",
                nameof(dims));
        }

        return new byte[checked(valueCount * elementType.ElementSize())];
    }
}
