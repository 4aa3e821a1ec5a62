using System.Buffers.Binary;

namespace Vrs.Media;

/// <summary>PNG colour types as numbered in the IHDR chunk (PNG spec §11.2.2).</summary>
internal enum PngColorType : byte
{
    Gray = 0,
    Rgb = 2,
    Palette = 3,
    GrayAlpha = 4,
    Rgba = 6,
}

/// <summary>The validated contents of an IHDR chunk and the row geometry that follows from it.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    // libpng's default user limit; larger sides are almost certainly a corrupt header, and refusing them
    // keeps one bad file from asking for gigabytes.
    public const int MaxSide = 1_000_000;

    public int Channels => ColorType switch
    {
        PngColorType.Gray or PngColorType.Palette => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    public int BitsPerPixel => Channels * BitDepth;

    /// <summary>The byte distance filters look back ("bpp" in the spec): at least one byte.</summary>
    public int FilterStride => Math.Max(1, BitsPerPixel / 8);

    public int RowBytes(int width) => (int)(((long)width * BitsPerPixel + 7) / 8);

    /// <summary>Parses the 13-byte IHDR payload; <paramref name="problem"/> says what is wrong when it returns false.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out PngHeader header, out string problem)
    {
        header = default;
        uint width = BinaryPrimitives.ReadUInt32BigEndian(data);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int bitDepth = data[8];
        int colorType = data[9];
        if (width == 0 || height == 0 || width > MaxSide || height > MaxSide)
        {
            problem = $"has an unsupported size {width}×{height} (each side must be 1..{MaxSide})";
            return false;
        }

        bool validDepth = colorType switch
        {
            0 => bitDepth is 1 or 2 or 4 or 8 or 16,
            3 => bitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => bitDepth is 8 or 16,
            _ => false,
        };
        if (!validDepth)
        {
            problem = $"has an invalid colour type {colorType} with bit depth {bitDepth}";
            return false;
        }

        if (data[10] != 0 || data[11] != 0 || data[12] > 1)
        {
            problem = $"has an unknown compression ({data[10]}), filter ({data[11]}) or interlace ({data[12]}) method";
            return false;
        }

        header = new PngHeader((int)width, (int)height, bitDepth, (PngColorType)colorType, data[12] == 1);
        problem = string.Empty;
        return true;
    }
}
