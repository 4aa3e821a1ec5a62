using Vrs.Media.IO;

namespace Vrs.Media.Png;

/// <summary>
/// Writes 8-bit RGB PNGs (colour type 2) for overlays and heatmaps. Rows use the Up filter and zlib its fastest
/// level, like <see cref="PngEncoder"/>; PNG's other filters would shrink photos a little and cost more time.
/// </summary>
public static class PngRgbEncoder
{
    /// <summary>Writes <paramref name="rgb"/> (row-major R, G, B bytes, <c>width * height * 3</c> of them).</summary>
    public static void Write(Stream output, ReadOnlySpan<byte> rgb, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int stride = checked(width * 3);
        if (rgb.Length != checked(stride * height))
        {
            throw new ArgumentException($"an RGB image of {width}×{height} needs {stride * height} bytes; got {rgb.Length}", nameof(rgb));
        }

        PngStreamWriter.Write(output, rgb, width, height, stride, PngStreamWriter.Rgb, palette: default);
    }

    /// <summary>Writes through a temporary file renamed into place, so a killed run leaves no partial PNG.</summary>
    public static void Write(string path, byte[] rgb, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        AtomicFile.Write(path, stream => Write(stream, rgb, width, height));
    }
}
