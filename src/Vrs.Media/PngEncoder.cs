using Vrs.Media.IO;

namespace Vrs.Media;

/// <summary>
/// Writes 8-bit gray and 8-bit palette PNGs, tuned for masks (Up filter, fastest zlib: see <see cref="PngStreamWriter"/>).
/// </summary>
public static class PngEncoder
{
    /// <summary>Writes <paramref name="image"/> as an 8-bit gray PNG ('L' in PIL).</summary>
    public static void WriteGray(Stream output, GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(image);
        Write(output, image, PngStreamWriter.Gray, palette: default);
    }

    /// <summary>Writes an 8-bit gray PNG through a temporary file renamed into place, so a killed run leaves no partial file.</summary>
    public static void WriteGray(string path, GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        AtomicFile.Write(path, stream => WriteGray(stream, image));
    }

    /// <summary>
    /// Writes <paramref name="indices"/> as an 8-bit palette PNG ('P' in PIL) with <paramref name="paletteRgb"/>
    /// (RGB triples, 1..256 entries, e.g. the DAVIS palette). Every index must have a palette entry.
    /// </summary>
    public static void WriteIndexed(Stream output, GrayImage indices, ReadOnlySpan<byte> paletteRgb)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(indices);
        if (paletteRgb.Length == 0 || paletteRgb.Length % 3 != 0 || paletteRgb.Length > 768)
        {
            throw new ArgumentException($"a palette is 1..256 RGB triples; got {paletteRgb.Length} bytes", nameof(paletteRgb));
        }

        int entries = paletteRgb.Length / 3;
        int outside = indices.Pixels.AsSpan().IndexOfAnyInRange((byte)Math.Min(entries, 255), (byte)255);
        if (entries < 256 && outside >= 0)
        {
            throw new ArgumentException($"pixel {outside} has index {indices.Pixels[outside]} but the palette has only {entries} entries", nameof(indices));
        }

        Write(output, indices, PngStreamWriter.Palette, paletteRgb);
    }

    public static void WriteIndexed(string path, GrayImage indices, ReadOnlySpan<byte> paletteRgb)
    {
        ArgumentNullException.ThrowIfNull(indices);
        byte[] palette = paletteRgb.ToArray();
        AtomicFile.Write(path, stream => WriteIndexed(stream, indices, palette));
    }

    private static void Write(Stream output, GrayImage image, byte colorType, ReadOnlySpan<byte> palette) =>
        PngStreamWriter.Write(output, image.Pixels, image.Width, image.Height, image.Width, colorType, palette);
}
