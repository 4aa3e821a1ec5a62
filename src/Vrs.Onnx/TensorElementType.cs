using System.Diagnostics.CodeAnalysis;

namespace Vrs.Onnx;

/// <summary>Tensor element types (<c>ONNXTensorElementDataType</c>); values are the native ones.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name ONNX element types, which are type names by nature.")]
public enum TensorElementType
{
    Undefined = 0,
    Float32 = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Float64 = 11,
    UInt32 = 12,
    UInt64 = 13,
    Complex64 = 14,
    Complex128 = 15,
    BFloat16 = 16,
}

/// <summary>Names and sizes of the element types, and the mapping from the managed element types vrs supports.</summary>
public static class TensorElementTypes
{
    /// <summary>The element type for <typeparamref name="T"/>: float, Half, long, int, byte, sbyte, bool, double.</summary>
    public static TensorElementType Of<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return TensorElementType.Float32;
        }

        if (typeof(T) == typeof(Half))
        {
            return TensorElementType.Float16;
        }

        if (typeof(T) == typeof(long))
        {
            return TensorElementType.Int64;
        }

        if (typeof(T) == typeof(int))
        {
            return TensorElementType.Int32;
        }

        if (typeof(T) == typeof(byte))
        {
            return TensorElementType.UInt8;
        }

        if (typeof(T) == typeof(bool))
        {
            return TensorElementType.Bool;
        }

        if (typeof(T) == typeof(sbyte))
        {
            return TensorElementType.Int8;
        }

        if (typeof(T) == typeof(double))
        {
            return TensorElementType.Float64;
        }

        throw new NotSupportedException($"{typeof(T).Name} is not a tensor element type vrs supports (float, Half, long, int, byte, sbyte, bool, double).");
    }

    /// <summary>Bytes per element (as stored in a tensor or an initializer's <c>raw_data</c>), or 0 for types without a fixed size.</summary>
    public static int ElementSize(this TensorElementType type) => type switch
    {
        TensorElementType.Float32 or TensorElementType.Int32 or TensorElementType.UInt32 => 4,
        TensorElementType.UInt8 or TensorElementType.Int8 or TensorElementType.Bool => 1,
        TensorElementType.UInt16 or TensorElementType.Int16 or TensorElementType.Float16 or TensorElementType.BFloat16 => 2,
        TensorElementType.Int64 or TensorElementType.Float64 or TensorElementType.UInt64 or TensorElementType.Complex64 => 8,
        TensorElementType.Complex128 => 16,
        _ => 0,
    };

    /// <summary>The ONNX spelling used in messages: <c>float</c>, <c>float16</c>, <c>int64</c>, <c>uint8</c>, <c>bool</c>, …</summary>
    public static string OnnxName(this TensorElementType type) => type switch
    {
        TensorElementType.Float32 => "float",
        TensorElementType.UInt8 => "uint8",
        TensorElementType.Int8 => "int8",
        TensorElementType.UInt16 => "uint16",
        TensorElementType.Int16 => "int16",
        TensorElementType.Int32 => "int32",
        TensorElementType.Int64 => "int64",
        TensorElementType.String => "string",
        TensorElementType.Bool => "bool",
        TensorElementType.Float16 => "float16",
        TensorElementType.Float64 => "double",
        TensorElementType.UInt32 => "uint32",
        TensorElementType.UInt64 => "uint64",
        TensorElementType.Complex64 => "complex64",
        TensorElementType.Complex128 => "complex128",
        TensorElementType.BFloat16 => "bfloat16",
        _ => $"type {(int)type}",
    };

    /// <summary>Parses the ONNX spelling (<c>float</c>, <c>float32</c>, <c>int64</c>, …) as written in manifests.</summary>
    public static bool TryParse(string text, out TensorElementType type)
    {
        foreach (TensorElementType candidate in Enum.GetValues<TensorElementType>())
        {
            if (candidate != TensorElementType.Undefined &&
                (string.Equals(candidate.OnnxName(), text, StringComparison.OrdinalIgnoreCase) ||
                 string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase)))
            {
                type = candidate;
                return true;
            }
        }

        type = TensorElementType.Undefined;
        return false;
    }
}
