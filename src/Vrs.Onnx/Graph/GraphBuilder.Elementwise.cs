namespace Vrs.Onnx.Graph;

/// <summary>Element-wise arithmetic, comparison, logic and activations (numpy-style broadcasting).</summary>
public sealed partial class GraphBuilder
{
    public GraphValue Add(GraphValue a, GraphValue b) => Node("Add", [a, b]);

    public GraphValue Sub(GraphValue a, GraphValue b) => Node("Sub", [a, b]);

    public GraphValue Mul(GraphValue a, GraphValue b) => Node("Mul", [a, b]);

    public GraphValue Div(GraphValue a, GraphValue b) => Node("Div", [a, b]);

    public GraphValue Pow(GraphValue x, GraphValue exponent) => Node("Pow", [x, exponent]);

    /// <summary>Element-wise minimum of one or more inputs.</summary>
    public GraphValue Min(params IReadOnlyList<GraphValue> inputs) => Node("Min", inputs);

    /// <summary>Element-wise maximum of one or more inputs.</summary>
    public GraphValue Max(params IReadOnlyList<GraphValue> inputs) => Node("Max", inputs);

    public GraphValue Sqrt(GraphValue x) => Node("Sqrt", [x]);

    public GraphValue Exp(GraphValue x) => Node("Exp", [x]);

    public GraphValue Log(GraphValue x) => Node("Log", [x]);

    public GraphValue Abs(GraphValue x) => Node("Abs", [x]);

    public GraphValue Neg(GraphValue x) => Node("Neg", [x]);

    public GraphValue Reciprocal(GraphValue x) => Node("Reciprocal", [x]);

    public GraphValue Floor(GraphValue x) => Node("Floor", [x]);

    public GraphValue Ceil(GraphValue x) => Node("Ceil", [x]);

    public GraphValue Sigmoid(GraphValue x) => Node("Sigmoid", [x]);

    public GraphValue Tanh(GraphValue x) => Node("Tanh", [x]);

    public GraphValue Relu(GraphValue x) => Node("Relu", [x]);

    public GraphValue Erf(GraphValue x) => Node("Erf", [x]);

    public GraphValue Identity(GraphValue x) => Node("Identity", [x]);

    /// <summary>Clamps to [min, max]; a null bound is left open (opset 11+: bounds are scalar inputs).</summary>
    public GraphValue Clip(GraphValue x, GraphValue? min, GraphValue? max)
    {
        min ??= GraphValue.None;
        max ??= GraphValue.None;
        if (max.IsNone)
        {
            return min.IsNone ? Node("Clip", [x]) : Node("Clip", [x, min]);
        }

        return Node("Clip", [x, min, max]);
    }

    /// <summary>Clamps a float tensor to [min, max].</summary>
    public GraphValue Clip(GraphValue x, float min, float max) => Clip(x, Constant(min), Constant(max));

    /// <summary>Picks from <paramref name="whenTrue"/> where <paramref name="condition"/> holds, else from <paramref name="whenFalse"/>.</summary>
    public GraphValue Where(GraphValue condition, GraphValue whenTrue, GraphValue whenFalse) =>
        Node("Where", [condition, whenTrue, whenFalse]);

    public GraphValue Equal(GraphValue a, GraphValue b) => Node("Equal", [a, b]);

    public GraphValue Greater(GraphValue a, GraphValue b) => Node("Greater", [a, b]);

    public GraphValue GreaterOrEqual(GraphValue a, GraphValue b) => Node("GreaterOrEqual", [a, b]);

    public GraphValue Less(GraphValue a, GraphValue b) => Node("Less", [a, b]);

    public GraphValue LessOrEqual(GraphValue a, GraphValue b) => Node("LessOrEqual", [a, b]);

    public GraphValue Not(GraphValue x) => Node("Not", [x]);

    public GraphValue And(GraphValue a, GraphValue b) => Node("And", [a, b]);

    public GraphValue Or(GraphValue a, GraphValue b) => Node("Or", [a, b]);

    public GraphValue Xor(GraphValue a, GraphValue b) => Node("Xor", [a, b]);

    /// <summary>Converts to <paramref name="to"/>; float to integer truncates toward zero, anything non-zero to bool is true.</summary>
    public GraphValue Cast(GraphValue x, TensorElementType to) => Node("Cast", [x], [NodeAttribute.OfInt("to", (long)to)]);
}
