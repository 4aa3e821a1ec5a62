namespace Vrs.Media;

/// <summary>
/// An 8-bit single-channel image, row-major, <c>Pixels.Length == Width * Height</c>.
/// Decoders can fill an existing instance so a hot loop over thousands of frames reuses one buffer.
/// </summary>
public sealed class GrayImage
{
    public GrayImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height)];
    }

    public GrayImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length != checked(width * height))
        {
            throw new ArgumentException($"pixel buffer holds {pixels.Length} bytes, {width}×{height} needs {width * height}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Row-major pixels; replaced (not resized in place) when <see cref="Resize"/> needs more room.</summary>
#pragma warning disable CA1819 // The raw buffer is the point: callers read and write pixels without copies.
    public byte[] Pixels { get; private set; }
#pragma warning restore CA1819

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Width, Width);

    /// <summary>
    /// Gives the image new dimensions, keeping the buffer when it has exactly the right size
    /// (frames of one video share a size, so the decoder hot loop never allocates).
    /// Pixel contents are unspecified afterwards.
    /// </summary>
    internal void Resize(int width, int height)
    {
        int length = checked(width * height);
        if (Pixels.Length != length)
        {
            Pixels = new byte[length];
        }

        Width = width;
        Height = height;
    }
}
