using Vrs.Media.Masks;

namespace Vrs.Media.Video;

/// <summary>
/// Encodes frames with their masks drawn over them into an H.264 mp4 (<see cref="Mp4Writer"/>). The file appears
/// under its name only after <see cref="Complete"/>; disposing without completing leaves nothing behind.
/// </summary>
public sealed class OverlayWriter : IDisposable
{
    private readonly OverlayOptions _options;
    private readonly Mp4Writer _encoder;
    private readonly byte[] _canvas;

    public OverlayWriter(string path, int width, int height, FrameRate rate, OverlayOptions? options = null, CancellationToken cancellationToken = default)
    {
        _options = options ?? new OverlayOptions();
        _encoder = new Mp4Writer(path, width, height, rate, _options.Crf, _options.Preset, cancellationToken);
        _canvas = new byte[_encoder.FrameBytes];
    }

    public int Width => _encoder.Width;

    public int Height => _encoder.Height;

    public int FramesWritten => _encoder.FramesWritten;

    /// <summary>Draws <paramref name="masks"/> over <paramref name="frame"/> (left unchanged) and encodes the result.</summary>
    public void Write(RgbFrame frame, IReadOnlyList<ObjectMask> masks)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new ArgumentException($"frame {frame.Name} is {frame.Width}×{frame.Height}; the overlay is {Width}×{Height}", nameof(frame));
        }

        MaskOverlay.Draw(frame, masks, _options.Alpha, _options.Contours, _canvas);
        _encoder.Write(_canvas);
    }

    /// <summary>Finishes the stream, waits for ffmpeg and renames the mp4 into place.</summary>
    public void Complete() => _encoder.Complete();

    public void Dispose() => _encoder.Dispose();
}
