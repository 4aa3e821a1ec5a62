using System.Globalization;
using Vrs.Media.Masks;

namespace Vrs.Media.Video;

/// <summary>
/// Encodes frames with their masks drawn over them into an H.264 mp4 (<see cref="Mp4Writer"/>), with an optional
/// caption (the query) drawn by ffmpeg. The file appears under its name only after <see cref="Complete"/>; disposing
/// without completing leaves nothing behind.
/// </summary>
public sealed class OverlayWriter : IDisposable
{
    private readonly OverlayOptions _options;
    private readonly Mp4Writer _encoder;
    private readonly byte[] _canvas;
    private readonly string? _captionFile;

    public OverlayWriter(string path, int width, int height, FrameRate rate, OverlayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _options = options ?? new OverlayOptions();
        string filters = string.Empty;
        if (_options.Caption is { Length: > 0 } caption && width > 0 && height > 0)
        {
            // drawtext reads the caption from a file: no filter-graph escaping of the user's text.
            string full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            _captionFile = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.caption-{Environment.ProcessId}-{Guid.NewGuid():N}.txt");
            int size = OverlayCaption.FontSize(height);
            File.WriteAllText(_captionFile, OverlayCaption.Wrap(caption, OverlayCaption.CharactersPerLine(width, size)));
            string font = OverlayCaption.FontFile() is { } file ? $"fontfile={file}:" : string.Empty;
            filters = string.Create(
                CultureInfo.InvariantCulture,
                $",drawtext={font}textfile={_captionFile}:fontsize={size}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw={size / 3}:line_spacing={size / 4}:x={size / 2}:y={size / 2}");
        }

        try
        {
            _encoder = new Mp4Writer(path, width, height, rate, _options.Crf, _options.Preset, filters, cancellationToken);
        }
        catch
        {
            DeleteCaption();
            throw;
        }

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
    public void Complete()
    {
        try
        {
            _encoder.Complete();
        }
        finally
        {
            DeleteCaption();
        }
    }

    public void Dispose()
    {
        _encoder.Dispose();
        DeleteCaption();
    }

    private void DeleteCaption()
    {
        if (_captionFile is not null)
        {
            File.Delete(_captionFile);
        }
    }
}
