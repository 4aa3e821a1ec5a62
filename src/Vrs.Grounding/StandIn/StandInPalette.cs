namespace Vrs.Grounding.StandIn;

/// <summary>
/// The eight colours the stand-in LVLM knows by name and how strongly a vision row "is" each of them, the way a person
/// names colours: six chromatic names by hue sector, gated by chroma, and white and black by lightness among the
/// colourless. Mid-lightness greys are no colour at all. <see cref="Similarity"/> is the host mirror of
/// <see cref="ColourMembershipGraph"/>; both follow the steps below.
/// <list type="number">
/// <item>Opponent axes a = R − (G + B)/2, b = (√3/2)(G − B): the hexagon of hues around the grey axis, so red, yellow,
/// green, blue sit at 0°, 60°, 120°, 240°, and chroma C = √(a² + b²) is 1 for pure hues, 0 for greys.</item>
/// <item>hue[c] = ramp(u · (cos θ_c, sin θ_c)) with u = (a, b)/C: full within ±inner of the centre θ_c, 0 beyond ±outer.</item>
/// <item>chromatic[c] = hue[c] · chroma, with chroma = ramp(C) from <see cref="GreyChroma"/> (0) to <see cref="FullChroma"/> (1).</item>
/// <item>white = (1 − chroma) · ramp(L) from 0.70 to 0.85; black = (1 − chroma) · (1 − ramp(L) from 0.15 to 0.25);
/// L = (max + min)/2, HSL's lightness.</item>
/// </list>
/// </summary>
internal static class StandInPalette
{
    /// <summary>
    /// Below this chroma a row has no hue: H.264's chroma noise on a grey background is a few hundredths, and the hue
    /// of a nearly grey pixel points anywhere.
    /// </summary>
    public const float GreyChroma = 0.10f;

    /// <summary>
    /// Chroma from here on is a full member. Saturated-but-not-pure colours ((200, 40, 40): C ≈ 0.63) are above it; a
    /// cell half red and half grey ((164, 84, 84): C ≈ 0.31) is a member at about 0.6, weaker but still red.
    /// </summary>
    public const float FullChroma = 0.45f;

    public const float WhiteFrom = 0.70f;

    public const float WhiteFull = 0.85f;

    public const float BlackFull = 0.15f;

    public const float BlackTo = 0.25f;

    public static IReadOnlyList<string> Names { get; } = ["red", "green", "blue", "yellow", "orange", "purple", "white", "black"];

    public static int Count => Names.Count;

    /// <summary>The chromatic names: the first six of <see cref="Names"/>.</summary>
    public static int HueCount => Hues.Count;

    /// <summary>
    /// Hue sectors in degrees (centre, full within ±inner, none beyond ±outer) for red, green, blue, yellow, orange,
    /// purple. Narrow where a person's names crowd (red, orange and yellow within 60°), wide where one name covers a
    /// lot (green from yellow-green to teal, blue from cyan-blue to ultramarine). Adjacent soft edges overlap, so a hue
    /// between two names is partly both; only hot pink (330°–338°, between purple and red) is neither.
    /// </summary>
    public static IReadOnlyList<(float Centre, float Inner, float Outer)> Hues { get; } =
    [
        (0f, 10f, 22f),
        (125f, 40f, 55f),
        (220f, 30f, 45f),
        (58f, 10f, 22f),
        (30f, 8f, 20f),
        (285f, 20f, 45f),
    ];

    /// <summary>The membership of <paramref name="rgb"/> (in [0, 1]) in colour <paramref name="colour"/>, in [0, 1].</summary>
    public static float Similarity(ReadOnlySpan<float> rgb, int colour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(colour);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(colour, Count);
        float a = rgb[0] - (0.5f * (rgb[1] + rgb[2]));
        float b = MathF.Sqrt(3f) / 2f * (rgb[1] - rgb[2]);
        float c = MathF.Sqrt((a * a) + (b * b));
        float chroma = Ramp(c, GreyChroma, FullChroma);
        if (colour < HueCount)
        {
            (float centre, float inner, float outer) = Hues[colour];
            float scale = MathF.Max(c, ColourMembershipGraph.HueEpsilon);
            float cosine = ((a / scale) * MathF.Cos(Radians(centre))) + ((b / scale) * MathF.Sin(Radians(centre)));
            return Ramp(cosine, MathF.Cos(Radians(outer)), MathF.Cos(Radians(inner))) * chroma;
        }

        float lightness = 0.5f * (MathF.Max(rgb[0], MathF.Max(rgb[1], rgb[2])) + MathF.Min(rgb[0], MathF.Min(rgb[1], rgb[2])));
        return colour == Names.Count - 2
            ? (1f - chroma) * Ramp(lightness, WhiteFrom, WhiteFull)
            : (1f - chroma) * (1f - Ramp(lightness, BlackFull, BlackTo));
    }

    /// <summary>0 at or below <paramref name="from"/>, 1 at or above <paramref name="to"/>, linear between.</summary>
    public static float Ramp(float x, float from, float to) => Math.Clamp((x - from) / (to - from), 0f, 1f);

    public static float Radians(float degrees) => degrees * MathF.PI / 180f;
}
