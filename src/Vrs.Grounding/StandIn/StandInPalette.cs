namespace Vrs.Grounding.StandIn;

/// <summary>
/// The eight colours the stand-in LVLM knows by name, their RGB, and the similarity that decides whether a vision row
/// "is" a named colour: sim = relu(τ² − ‖rgb − palette‖²) / τ², so only rows within τ of the colour count.
/// </summary>
internal static class StandInPalette
{
    /// <summary>0.3 keeps the eight colours apart (the closest pair, red and orange, are 0.5 apart).</summary>
    public const float Tau = 0.3f;

    public static IReadOnlyList<string> Names { get; } = ["red", "green", "blue", "yellow", "orange", "purple", "white", "black"];

    public static int Count => Names.Count;

    /// <summary>RGB of each name, row-major [8, 3].</summary>
    public static float[] Rgb() =>
    [
        1f, 0f, 0f,
        0f, 1f, 0f,
        0f, 0f, 1f,
        1f, 1f, 0f,
        1f, 0.5f, 0f,
        0.5f, 0f, 0.5f,
        1f, 1f, 1f,
        0f, 0f, 0f,
    ];

    /// <summary>The similarity the graphs compute, for hosts and tests that rebuild it.</summary>
    public static float Similarity(ReadOnlySpan<float> rgb, int colour)
    {
        float[] palette = Rgb();
        float d2 = 0f;
        for (int c = 0; c < 3; c++)
        {
            float d = rgb[c] - palette[(colour * 3) + c];
            d2 += d * d;
        }

        return Math.Max((Tau * Tau) - d2, 0f) / (Tau * Tau);
    }
}
