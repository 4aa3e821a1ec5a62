using Vrs.Onnx;
using Vrs.Onnx.Graph;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.StandIn;

/// <summary>Graph fragments the probe, the decoder and the answer head share, over rows [T, 24] in <see cref="StandInLayout"/>.</summary>
internal static class StandInOps
{
    /// <summary>Channels [from, from + count) of every row: [T, count].</summary>
    public static GraphValue Channels(GraphBuilder g, GraphValue rows, int from, int count = 1) =>
        g.Slice(rows, [from], [from + count], [1]);

    /// <summary>
    /// The colour-word one-hots [T, 8] that name a target: zeroed from the first negation word on, so the background
    /// prompt's "excluding any red object" does not point at red.
    /// </summary>
    public static GraphValue ColourWords(GraphBuilder g, GraphValue rows)
    {
        GraphValue negated = g.Cast(g.Greater(g.CumSum(Channels(g, rows, L.Negation), 0), g.Constant(0f)), TensorElementType.Float32); // [T,1]
        return Channels(g, rows, L.ColourWord, StandInPalette.Count) * (g.Constant(1f) - negated);
    }

    /// <summary>
    /// sim[k, c] = how much vision row k is colour c by hue, chroma and lightness (<see cref="StandInPalette"/>), in
    /// [0, 1]; 0 on text rows, whose zero RGB would otherwise be black: [T, 8].
    /// </summary>
    public static GraphValue Similarity(GraphBuilder g, GraphValue rows) =>
        ColourMembershipGraph.Build(g, Channels(g, rows, L.Rgb, 3)) * Channels(g, rows, L.Visual);

    /// <summary>The row count of <paramref name="rows"/> [T, ...] as a 1-D int64 [1], for shapes.</summary>
    public static GraphValue RowCount(GraphBuilder g, GraphValue rows) => g.Shape(rows, 0, 1);

    /// <summary>
    /// A float zero that depends on <paramref name="inputs"/>: the stand-in ignores them, but a graph input no node
    /// reads could be pruned, and the contract says the model takes them.
    /// </summary>
    public static GraphValue Ignored(GraphBuilder g, params GraphValue[] inputs)
    {
        GraphValue zero = g.Constant(0f);
        foreach (GraphValue input in inputs)
        {
            zero = zero + (g.ReduceSum(g.Cast(input, TensorElementType.Float32), keepDims: false) * 0f);
        }

        return zero;
    }
}
