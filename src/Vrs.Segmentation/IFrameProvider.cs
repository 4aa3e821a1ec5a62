namespace Vrs.Segmentation;

/// <summary>
/// Frames for the video predictor. The predictor asks for frames in propagation order (forward from the earliest
/// prompt, then backward from it) plus prompted frames when prompts are added; a streaming source serves the
/// forward run sequentially and the backward run in chunks. Nothing is held beyond the frame being read.
/// </summary>
public interface IFrameProvider
{
    int FrameCount { get; }

    /// <summary>Width of the original video (prompt coordinates and output masks are in this space).</summary>
    int Width { get; }

    int Height { get; }

    /// <summary>
    /// Writes frame <paramref name="index"/> as rgb24 stretched (aspect ratio not kept) to
    /// <paramref name="size"/>×<paramref name="size"/> into <paramref name="rgb"/> (size·size·3 bytes).
    /// </summary>
    void ReadModelFrame(int index, int size, Span<byte> rgb);
}

/// <summary>Frames already in memory at video resolution (rgb24), resized on request; for tests and small clips.</summary>
public sealed class InMemoryFrameProvider : IFrameProvider
{
    private readonly IReadOnlyList<byte[]> _frames;

    public InMemoryFrameProvider(IReadOnlyList<byte[]> frames, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        for (int i = 0; i < frames.Count; i++)
        {
            if (frames[i].Length != width * height * 3)
            {
                throw new ArgumentException($"frame {i} has {frames[i].Length} bytes, expected {width}x{height}x3.", nameof(frames));
            }
        }

        _frames = frames;
        Width = width;
        Height = height;
    }

    public int FrameCount => _frames.Count;

    public int Width { get; }

    public int Height { get; }

    /// <summary>How many frames have been read (tests check the predictor's access pattern).</summary>
    public int ReadCount { get; private set; }

    public void ReadModelFrame(int index, int size, Span<byte> rgb)
    {
        ReadCount++;
        RgbResizer.StretchBilinear(_frames[index], Width, Height, rgb, size, size);
    }
}
