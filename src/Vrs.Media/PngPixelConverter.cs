namespace Vrs.Media;

/// <summary>Which single-byte value a decoded PNG pixel becomes.</summary>
internal enum PngPixelMode
{
    /// <summary>
    /// <c>cv2.imread(path, cv2.IMREAD_GRAYSCALE)</c>: libpng expands low bit depths to 0..255, strips alpha, maps
    /// palette entries to their colour, converts colour to gray with <c>png_set_rgb_to_gray(0.299, 0.587)</c>, then
    /// keeps the high byte of 16-bit samples.
    /// </summary>
    OpenCvGray,

    /// <summary>PIL's <c>np.array(Image.open(path))</c> for single-channel files: palette indices, raw gray values.</summary>
    Raw,
}

/// <summary>Turns one reconstructed scanline into one byte per pixel, per <see cref="PngPixelMode"/>.</summary>
internal static class PngPixelConverter
{
    // libpng turns the coefficients 0.299 and 0.587 into 15-bit fixed point by truncation
    // (29900 * 32768 / 100000 = 9797, 58700 * 32768 / 100000 = 19234) and gives blue the rest of 32768.
    private const int RedWeight = 9797;
    private const int GreenWeight = 19234;
    private const int BlueWeight = 32768 - RedWeight - GreenWeight;

    /// <summary>True when <paramref name="header"/> has one value per pixel that fits a byte (what PIL returns as a 2-D array).</summary>
    public static bool HasRawSingleByte(PngHeader header) =>
        header.ColorType == PngColorType.Palette || (header.ColorType == PngColorType.Gray && header.BitDepth <= 8);

    /// <summary>
    /// Fills <paramref name="lut"/> (256 entries) with the output for each sample value of a gray or palette image
    /// with at most 8 bits; other colour types do not use it.
    /// </summary>
    public static void BuildLookup(PngHeader header, ReadOnlySpan<byte> palette, PngPixelMode mode, Span<byte> lut)
    {
        lut.Clear();
        if (header.ColorType == PngColorType.Palette)
        {
            int entries = palette.Length / 3;
            for (int i = 0; i < 256; i++)
            {
                // Indices past the palette read as black in libpng (it keeps a zeroed 256-entry table).
                lut[i] = mode == PngPixelMode.Raw ? (byte)i
                    : i < entries ? Luma8(palette[3 * i], palette[(3 * i) + 1], palette[(3 * i) + 2]) : (byte)0;
            }
        }
        else if (header.ColorType == PngColorType.Gray && header.BitDepth <= 8)
        {
            int max = (1 << header.BitDepth) - 1;
            for (int v = 0; v <= max; v++)
            {
                // cv2 (png_set_expand_gray_1_2_4_to_8) scales to 0..255; PIL gives a 1-bit image as bool (0/1)
                // and unpacks 2- and 4-bit gray with the same scaling.
                lut[v] = mode == PngPixelMode.Raw && header.BitDepth == 1 ? (byte)v : (byte)(v * 255 / max);
            }
        }
    }

    public static void ConvertRow(PngHeader header, ReadOnlySpan<byte> row, ReadOnlySpan<byte> lut, Span<byte> destination)
    {
        int width = destination.Length;
        switch (header.ColorType)
        {
            case PngColorType.Gray or PngColorType.Palette when header.BitDepth < 8:
                Unpack(row, header.BitDepth, lut, destination);
                break;
            case PngColorType.Gray when header.BitDepth == 8:
                row[..width].CopyTo(destination);
                break;
            case PngColorType.Palette:
                for (int x = 0; x < width; x++)
                {
                    destination[x] = lut[row[x]];
                }

                break;
            case PngColorType.Gray or PngColorType.GrayAlpha:
                // 16-bit gray, and gray+alpha of either depth: the (high byte of the) first sample; alpha is dropped.
                int step = header.BitsPerPixel / 8;
                for (int x = 0; x < width; x++)
                {
                    destination[x] = row[x * step];
                }

                break;
            default:
                ConvertColor(header, row, destination);
                break;
        }
    }

    // libpng's 8-bit rgb_to_gray truncates; gray pixels (r == g == b) come out unchanged because the weights sum to 32768.
    private static byte Luma8(int r, int g, int b) => (byte)(((RedWeight * r) + (GreenWeight * g) + (BlueWeight * b)) >> 15);

    private static void ConvertColor(PngHeader header, ReadOnlySpan<byte> row, Span<byte> destination)
    {
        int step = header.BitsPerPixel / 8;
        if (header.BitDepth == 8)
        {
            for (int x = 0, i = 0; x < destination.Length; x++, i += step)
            {
                destination[x] = Luma8(row[i], row[i + 1], row[i + 2]);
            }

            return;
        }

        for (int x = 0, i = 0; x < destination.Length; x++, i += step)
        {
            // 16-bit: libpng converts at full precision with rounding, then png_set_strip_16 keeps the high byte.
            uint r = (uint)((row[i] << 8) | row[i + 1]);
            uint g = (uint)((row[i + 2] << 8) | row[i + 3]);
            uint b = (uint)((row[i + 4] << 8) | row[i + 5]);
            uint gray16 = ((RedWeight * r) + (GreenWeight * g) + (BlueWeight * b) + 16384) >> 15;
            destination[x] = (byte)(gray16 >> 8);
        }
    }

    private static void Unpack(ReadOnlySpan<byte> row, int bitDepth, ReadOnlySpan<byte> lut, Span<byte> destination)
    {
        int perByte = 8 / bitDepth;
        int mask = (1 << bitDepth) - 1;
        for (int x = 0; x < destination.Length; x++)
        {
            // Samples are packed from the most significant bits down.
            int shift = 8 - (bitDepth * ((x % perByte) + 1));
            destination[x] = lut[(row[x / perByte] >> shift) & mask];
        }
    }
}
