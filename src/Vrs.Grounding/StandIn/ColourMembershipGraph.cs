using Vrs.Onnx;
using Vrs.Onnx.Graph;
using P = Vrs.Grounding.StandIn.StandInPalette;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// The graph of <see cref="StandInPalette"/>'s colour membership: rgb [T, 3] → [T, 8]. ONNX has no atan2, so the hue is
/// never an angle: the dot product of the unit opponent vector with each hue's unit vector is cos Δ, which wraps round
/// 0°/360° (red) with no special case and ramps smoothly between a sector's inner and outer edge.
/// </summary>
internal static class ColourMembershipGraph
{
    /// <summary>Guards u = (a, b)/C at C = 0, where the chroma gate makes the hue irrelevant anyway.</summary>
    public const float HueEpsilon = 1e-6f;

    public static GraphValue Build(GraphBuilder g, GraphValue rgb)
    {
        float half = MathF.Sqrt(3f) / 2f;
        float[] opponent =
        [
            1f, 0f,
            -0.5f, half,
            -0.5f, -half,
        ];
        GraphValue ab = g.MatMul(rgb, g.Constant(TensorData.FromFloat32(opponent, [3, 2])));                 // [T,2]
        GraphValue c = g.Sqrt(g.ReduceSum(ab * ab, [1], keepDims: true));                                     // [T,1]
        GraphValue unit = ab / g.Max(c, g.Constant(HueEpsilon));

        var directions = new float[2 * P.HueCount];
        var outer = new float[P.HueCount];
        var width = new float[P.HueCount];
        for (int i = 0; i < P.HueCount; i++)
        {
            (float centre, float inner, float outerAngle) = P.Hues[i];
            directions[i] = MathF.Cos(P.Radians(centre));
            directions[P.HueCount + i] = MathF.Sin(P.Radians(centre));
            outer[i] = MathF.Cos(P.Radians(outerAngle));
            width[i] = MathF.Cos(P.Radians(inner)) - outer[i];
        }

        GraphValue cosine = g.MatMul(unit, g.Constant(TensorData.FromFloat32(directions, [2, P.HueCount])));  // [T,6]
        GraphValue hue = g.Clip((cosine - g.Constant(outer)) / g.Constant(width), 0f, 1f);
        GraphValue chroma = Ramp(g, c, P.GreyChroma, P.FullChroma);
        GraphValue neutral = g.Constant(1f) - chroma;

        GraphValue lightness = (g.ReduceMax(rgb, [1], keepDims: true) + g.ReduceMin(rgb, [1], keepDims: true)) * 0.5f;
        GraphValue white = neutral * Ramp(g, lightness, P.WhiteFrom, P.WhiteFull);
        GraphValue black = neutral * (g.Constant(1f) - Ramp(g, lightness, P.BlackFull, P.BlackTo));
        return g.Concat([hue * chroma, white, black], 1);
    }

    private static GraphValue Ramp(GraphBuilder g, GraphValue x, float from, float to) =>
        g.Clip((x - from) / (to - from), 0f, 1f);
}
