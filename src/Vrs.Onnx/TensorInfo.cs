using System.Globalization;

namespace Vrs.Onnx;

/// <summary>
/// A model input or output: name, element type and shape. Dimensions are -1 where the model leaves them free;
/// <see cref="SymbolicDimensions"/> holds the names (<c>N</c>, <c>batch</c>) of those that have one.
/// </summary>
public sealed record TensorInfo(string Name, bool IsTensor, TensorElementType ElementType, IReadOnlyList<long> Dimensions, IReadOnlyList<string?> SymbolicDimensions)
{
    public int Rank => Dimensions.Count;

    /// <summary>The shape as written in messages: <c>[1, N, 2]</c> (<c>?</c> for a free dimension without a name).</summary>
    public string ShapeText => FormatShape(Dimensions, SymbolicDimensions);

    internal static string FormatShape(IReadOnlyList<long> dimensions, IReadOnlyList<string?> symbols)
    {
        var parts = new string[dimensions.Count];
        for (int i = 0; i < parts.Length; i++)
        {
            string? symbol = i < symbols.Count ? symbols[i] : null;
            parts[i] = dimensions[i] >= 0 ? dimensions[i].ToString(CultureInfo.InvariantCulture) : symbol ?? "?";
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}

/// <summary>A model's metadata: producer, graph name, domain, description, version and the custom key/value map.</summary>
public sealed record ModelMetadata(string ProducerName, string GraphName, string Domain, string Description, long Version, IReadOnlyDictionary<string, string> CustomMetadata);
