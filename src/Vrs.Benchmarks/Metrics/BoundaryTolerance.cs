namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// The matching tolerance of DAVIS <c>f_measure</c>: a disk of radius <c>ceil(0.008 · ‖(H, W)‖)</c> pixels
/// (skimage <c>disk</c>: offsets with dx² + dy² ≤ r²), e.g. 8 at 854×480 and 12 at 1280×720.
/// </summary>
public static class BoundaryTolerance
{
    /// <summary>DAVIS <c>bound_th</c>: the tolerance as a fraction of the image diagonal.</summary>
    public const double DiagonalFraction = 0.008;

    /// <summary>The disk radius in pixels for a frame of this size.</summary>
    public static int Radius(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);

        // np.linalg.norm of the integer shape is sqrt of the exact float64 sum of squares.
        double diagonal = Math.Sqrt(((double)height * height) + ((double)width * width));
        return (int)Math.Ceiling(DiagonalFraction * diagonal);
    }

    /// <summary>The largest |dx| with dx² + dy² ≤ radius², i.e. the disk's half-width on row offset <paramref name="dy"/>.</summary>
    public static int HalfWidth(int radius, int dy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(radius);
        long rest = ((long)radius * radius) - ((long)dy * dy);
        if (rest < 0)
        {
            return -1;
        }

        long h = (long)Math.Sqrt(rest);
        while (h * h > rest)
        {
            h--;
        }

        while ((h + 1) * (h + 1) <= rest)
        {
            h++;
        }

        return (int)h;
    }
}
