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

    // Arithmetic reads like the formula; each operator adds one node to the innermost graph that sees both operands.
    public static GraphValue operator +(GraphValue a, GraphValue b) => Builder(a, b).Add(a, b);

    public static GraphValue operator -(GraphValue a, GraphValue b) => Builder(a, b).Sub(a, b);

    public static GraphValue operator *(GraphValue a, GraphValue b) => Builder(a, b).Mul(a, b);

    public static GraphValue operator /(GraphValue a, GraphValue b) => Builder(a, b).Div(a, b);

    public static GraphValue operator -(GraphValue a) => Builder(a, a).Neg(a);

    /// <summary>Float tensor plus a float32 scalar constant.</summary>
    public static GraphValue operator +(GraphValue a, float b) => a + Builder(a, a).Constant(b);

    public static GraphValue operator -(GraphValue a, float b) => a - Builder(a, a).Constant(b);

    public static GraphValue operator *(GraphValue a, float b) => a * Builder(a, a).Constant(b);

    public static GraphValue operator /(GraphValue a, float b) => a / Builder(a, a).Constant(b);

    public static GraphValue operator +(float a, GraphValue b) => Builder(b, b).Constant(a) + b;

    public static GraphValue operator -(float a, GraphValue b) => Builder(b, b).Constant(a) - b;

    public static GraphValue operator *(float a, GraphValue b) => Builder(b, b).Constant(a) * b;

    public static GraphValue operator /(float a, GraphValue b) => Builder(b, b).Constant(a) / b;

    private static GraphBuilder Builder(GraphValue a, GraphValue b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Owner is null || b.Owner is null)
        {
            throw new InvalidOperationException("GraphValue.None stands for a missing optional input and cannot be computed with");
        }

        // The inner graph sees the outer one's values, not the reverse.
        for (GraphBuilder? g = a.Owner; g is not null; g = g.Parent)
        {
            if (g == b.Owner)
            {
                return a.Owner;
            }
        }

        return b.Owner;
    }
}
