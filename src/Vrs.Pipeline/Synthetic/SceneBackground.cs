namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// A textured mid-grey backdrop: a vertical gradient, soft blotches and fine grain, all nearly colourless, so no
/// background pixel is near any object colour yet the background is not flat.
/// </summary>
/// <param name="Grey">Mean grey level.</param>
/// <param name="Gradient">Top is this much lighter than the mean and the bottom this much darker.</param>
/// <param name="Blotches">Amplitude of the soft blotches (grey levels).</param>
/// <param name="BlotchSize">Spacing of the blotch lattice in pixels.</param>
/// <param name="Grain">Amplitude of the per-pixel grain (grey levels).</param>
/// <param name="Tint">Added to red and taken from blue: a faint warm cast, as under room light.</param>
public sealed record SceneBackground(
    float Grey = 126,
    float Gradient = 12,
    float Blotches = 8,
    int BlotchSize = 40,
    float Grain = 3,
    float Tint = 3)
{
    public static SceneBackground Default { get; } = new();
}
