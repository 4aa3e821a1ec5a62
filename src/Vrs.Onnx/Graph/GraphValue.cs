namespace Vrs.Onnx.Graph;

/// <summary>
/// A named value in a graph under construction: a graph input, an initializer or a node output. Get one from
/// <see cref="GraphBuilder"/>; pass it as an input to later nodes. <see cref="None"/> fills an omitted optional input.
/// </summary>
public sealed class GraphValue
{
    internal GraphValue(GraphBuilder? owner, string name, bool isAutoNamed)
    {
        Owner = owner;
        Name = name;
        IsAutoNamed = isAutoNamed;
    }

    /// <summary>The empty name ONNX uses for an optional input that is left out.</summary>
    public static GraphValue None { get; } = new(null, "", isAutoNamed: false);

    /// <summary>The value's name in the model; a node output named by the builder may be renamed when it becomes a graph output.</summary>
    public string Name { get; internal set; }

    public bool IsNone => Owner is null;

    internal GraphBuilder? Owner { get; }

    internal bool IsAutoNamed { get; set; }

    public override string ToString() => IsNone ? "(none)" : Name;
}
