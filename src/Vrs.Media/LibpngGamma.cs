namespace Vrs.Media;

/// <summary>
/// The gamma tables libpng 1.6 builds for <c>png_set_rgb_to_gray</c> when a file declares its gamma (gAMA or sRGB) and
/// the application (here OpenCV) sets no screen gamma: the screen gamma becomes the reciprocal of the file's, colour
/// pixels are linearised, weighted with rounding, and re-encoded. Gray pixels (r = g = b) pass through unchanged.
/// Verified against cv2.imread on files with gAMA 0.45455, 0.8, 0.96, 1.0, 2.2 and sRGB.
/// </summary>
internal static class LibpngGamma
{
    // Gamma values are fixed point with 1.0 = 100000; libpng skips correction within ±0.05 of 1.0.
    private const int Unity = 100_000;
    private const int Threshold = 5_000;

    /// <summary>Whether libpng would take the gamma path of rgb_to_gray for this file gamma (0 = none declared).</summary>
    public static bool IsActive(int fileGamma) =>
        fileGamma != 0 && (IsSignificant(fileGamma) || IsSignificant(Reciprocal(fileGamma)));

    /// <summary>Fills libpng's <c>gamma_to_1</c> and <c>gamma_from_1</c> 8-bit tables (256 entries each).</summary>
    public static void BuildTables(int fileGamma, Span<byte> toLinear, Span<byte> fromLinear)
    {
        int screenGamma = Reciprocal(fileGamma);
        FillTable(toLinear, Reciprocal(fileGamma));
        FillTable(fromLinear, Reciprocal(screenGamma));
    }

    private static bool IsSignificant(int gamma) => gamma < Unity - Threshold || gamma > Unity + Threshold;

    // png_reciprocal: round(1e10 / a) in fixed point.
    private static int Reciprocal(int gamma) => (int)Math.Floor((1e10 / gamma) + 0.5);

    // png_build_8bit_table with png_gamma_8bit_correct (floating-point build of libpng).
    private static void FillTable(Span<byte> table, int gamma)
    {
        bool significant = IsSignificant(gamma);
        for (int v = 0; v < 256; v++)
        {
            table[v] = !significant || v == 0 || v == 255 ? (byte)v : (byte)Math.Floor((255 * Math.Pow(v / 255.0, gamma * 0.00001)) + 0.5);
        }
    }
}
