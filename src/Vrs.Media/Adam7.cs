namespace Vrs.Media;

/// <summary>The seven Adam7 interlace passes (PNG spec §8.2): start column/row and step of each.</summary>
internal static class Adam7
{
    private static ReadOnlySpan<byte> StartX => [0, 4, 0, 2, 0, 1, 0];

    private static ReadOnlySpan<byte> StartY => [0, 0, 4, 0, 2, 0, 1];

    private static ReadOnlySpan<byte> StepX => [8, 8, 4, 4, 2, 2, 1];

    private static ReadOnlySpan<byte> StepY => [8, 8, 8, 4, 4, 2, 2];

    public const int PassCount = 7;

    /// <summary>The geometry of pass <paramref name="pass"/>, or of the whole image when not interlaced (pass 0 only).</summary>
    public static PassGeometry Pass(int pass, int width, int height, bool interlaced)
    {
        if (!interlaced)
        {
            return new PassGeometry(0, 0, 1, 1, width, height);
        }

        int x0 = StartX[pass];
        int y0 = StartY[pass];
        int dx = StepX[pass];
        int dy = StepY[pass];
        int w = width > x0 ? (width - x0 + dx - 1) / dx : 0;
        int h = height > y0 ? (height - y0 + dy - 1) / dy : 0;

        // A pass with no columns has no rows either (it is absent from the data stream).
        return w == 0 || h == 0 ? new PassGeometry(x0, y0, dx, dy, 0, 0) : new PassGeometry(x0, y0, dx, dy, w, h);
    }

    internal readonly record struct PassGeometry(int X0, int Y0, int StepX, int StepY, int Width, int Height);
}
