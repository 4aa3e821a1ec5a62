using System.Diagnostics.CodeAnalysis;

namespace Vrs.Onnx.Graph;

/// <summary>Element types of ONNX tensors; the numbers are <c>TensorProto.DataType</c> in onnx.proto.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Members mirror TensorProto.DataType in onnx.proto.")]
public enum OnnxDataType
{
    Undefined = 0,
    Float = 1,
    UInt8 = 2,
    Int8 = 3,
    UInt16 = 4,
    Int16 = 5,
    Int32 = 6,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Float16 = 10,
    Double = 11,
    UInt32 = 12,
    UInt64 = 13,
    BFloat16 = 16,
}

internal static class OnnxDataTypeExtensions
{
    /// <summary>Bytes per element in <c>raw_data</c>, or 0 for types that have no fixed-size raw form.</summary>
    public static int ElementSize(this OnnxDataType type) => type switch
    {
        OnnxDataType.Float or OnnxDataType.Int32 or OnnxDataType.UInt32 => 4,
        OnnxDataType.UInt8 or OnnxDataType.Int8 or OnnxDataType.Bool => 1,
        OnnxDataType.UInt16 or OnnxDataType.Int16 or OnnxDataType.Float16 or OnnxDataType.BFloat16 => 2,
        OnnxDataType.Int64 or OnnxDataType.Double or OnnxDataType.UInt64 => 8,
        _ => 0,
    };
}
