namespace Vrs.Media.Video;

/// <summary>
/// An 8-bit RGB image, row-major, 3 bytes per pixel. <see cref="FrameSource"/> refills the same instance for every
/// frame it yields, so a caller that keeps a frame past the next step must copy it.
/// </summary>
public sealed class RgbFrame
{
    public RgbFrame(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        Pixels = new byte[checked(width * height * 3)];
        Name = string.Empty;
    }

    public int Width { get; }

    public int Height { get; }

    public int Stride => Width * 3;

    /// <summary>R, G, B bytes of every pixel, row after row.</summary>
#pragma warning disable CA1819 // The raw buffer is the point: decoders fill it and models read it without copies.
    public byte[] Pixels { get; }
#pragma warning restore CA1819

    /// <summary>Index of the frame in its video or folder.</summary>
    public int Index { get; internal set; }

    /// <summary>The frame's name (file stem or zero-padded index).</summary>
    public string Name { get; internal set; }

    public FrameInfo Info => new(Index, Name);

    public Span<byte> Row(int y) => Pixels.AsSpan(y * Stride, Stride);

    /// <summary>Copies pixels and identity into <paramref name="destination"/>, which must have the same size.</summary>
    public void CopyTo(RgbFrame destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Width != Width || destination.Height != Height)
        {
            throw new ArgumentException($"cannot copy a {Width}×{Height} frame into a {destination.Width}×{destination.Height} one", nameof(destination));
        }

        Pixels.CopyTo(destination.Pixels, 0);
        destination.Index = Index;
        destination.Name = Name;
    }

    /// <summary>A copy with its own pixels (frames a source yields are refilled; clone the ones to keep).</summary>
    public RgbFrame Clone()
    {
        var copy = new RgbFrame(Width, Height);
        CopyTo(copy);
        return copy;
    }

    internal void SetIdentity(FrameInfo info)
    {
        Index = info.Index;
        Name = info.Name;
    }
}
