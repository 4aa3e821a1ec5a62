namespace Vrs.Pipeline.Synthetic;

internal static class Pixel
{
    /// <summary>Rounds to the nearest 8-bit level, saturating.</summary>
    public static byte Clamp(float value) => (byte)Math.Clamp((int)MathF.Round(value), 0, 255);
}
