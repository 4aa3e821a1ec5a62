using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Vrs.Onnx.Graph;

/// <summary>Kinds of node attribute; the numbers are <c>AttributeProto.AttributeType</c> in onnx.proto.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Members mirror AttributeProto.AttributeType in onnx.proto.")]
public enum OnnxAttributeType
{
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Graph = 5,
    Floats = 6,
    Ints = 7,
    Strings = 8,
}

/// <summary>A named node attribute holding exactly one value of one <see cref="OnnxAttributeType"/>.</summary>
public sealed class NodeAttribute
{
    private NodeAttribute(string name, OnnxAttributeType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Type = type;
    }

    public string Name { get; }

    public OnnxAttributeType Type { get; }

    internal float FloatValue { get; private init; }

    internal long IntValue { get; private init; }

    internal byte[] StringValue { get; private init; } = [];

    internal TensorData? TensorValue { get; private init; }

    internal GraphBuilder? GraphValue { get; private init; }

    internal float[] FloatsValue { get; private init; } = [];

    internal long[] IntsValue { get; private init; } = [];

    internal byte[][] StringsValue { get; private init; } = [];

    public static NodeAttribute OfFloat(string name, float value) => new(name, OnnxAttributeType.Float) { FloatValue = value };

    public static NodeAttribute OfInt(string name, long value) => new(name, OnnxAttributeType.Int) { IntValue = value };

    /// <summary>A string attribute, stored as UTF-8.</summary>
    public static NodeAttribute OfString(string name, string value) =>
        new(name, OnnxAttributeType.String) { StringValue = Encoding.UTF8.GetBytes(value) };

    public static NodeAttribute OfTensor(string name, TensorData value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, OnnxAttributeType.Tensor) { TensorValue = value };
    }

    /// <summary>A subgraph attribute (If branches, Loop bodies); the builder must come from <see cref="GraphBuilder.Subgraph"/>.</summary>
    public static NodeAttribute OfGraph(string name, GraphBuilder value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, OnnxAttributeType.Graph) { GraphValue = value };
    }

    public static NodeAttribute OfFloats(string name, ReadOnlySpan<float> values) =>
        new(name, OnnxAttributeType.Floats) { FloatsValue = values.ToArray() };

    public static NodeAttribute OfInts(string name, ReadOnlySpan<long> values) =>
        new(name, OnnxAttributeType.Ints) { IntsValue = values.ToArray() };

    public static NodeAttribute OfStrings(string name, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(name, OnnxAttributeType.Strings) { StringsValue = values.Select(Encoding.UTF8.GetBytes).ToArray() };
    }

    public override string ToString() => $"{Name}: {Type}";
}
