using System.Globalization;
using Vrs.Media.Masks;

namespace Vrs.Media.Video;

/// <summary>
/// Encodes frames with their masks drawn over them into an H.264 mp4 through one ffmpeg reading raw RGB on stdin.
/// The file is written under a hidden temporary name and renamed into place by <see cref="Complete"/>; disposing
/// without completing kills ffmpeg and deletes the temporary file.
/// </summary>
public sealed class OverlayWriter : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly OverlayOptions _options;
    private readonly MediaTool _ffmpeg;
    private readonly byte[] _canvas;
    private readonly string? _captionFile;
    private bool _done;

    public OverlayWriter(string path, int width, int height, FrameRate rate, OverlayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        _options = options ?? new OverlayOptions();
        Width = width;
        Height = height;
        _path = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        _temporary = Path.Combine(directory, $".{Path.GetFileName(_path)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        if (_options.Caption is { Length: > 0 } caption)
        {
            // drawtext reads the caption from a file: no filter-graph escaping of the user's text.
            _captionFile = _temporary + ".caption.txt";
            File.WriteAllText(_captionFile, OverlayCaption.Wrap(caption, OverlayCaption.CharactersPerLine(width, OverlayCaption.FontSize(height))));
        }

        FrameRate fps = rate.IsValid ? rate : FrameRate.Default;
        string[] arguments =
        [
            "-hide_banner", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-framerate", fps.ToString(),
            "-i", "pipe:0",

            // yuv420p needs even sides; pad odd ones by a pixel rather than distort.
            "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2" + CaptionFilter(width, height),
            "-c:v", "libx264", "-preset", _options.Preset,
            "-crf", _options.Crf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-movflags", "+faststart",
            "-f", "mp4", "-y", MediaTool.InputUrl(_temporary),
        ];
        _ffmpeg = MediaTool.Start("ffmpeg", arguments, writeInput: true, cancellationToken);
        _canvas = new byte[checked(width * height * 3)];
    }

    public int Width { get; }

    public int Height { get; }

    public int FramesWritten { get; private set; }

    /// <summary>Draws <paramref name="masks"/> over <paramref name="frame"/> (left unchanged) and encodes the result.</summary>
    public void Write(RgbFrame frame, IReadOnlyList<ObjectMask> masks)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Width != Width || frame.Height != Height)
        {
            throw new ArgumentException($"frame {frame.Name} is {frame.Width}×{frame.Height}; the overlay is {Width}×{Height}", nameof(frame));
        }

        MaskOverlay.Draw(frame, masks, _options.Alpha, _options.Contours, _canvas);
        try
        {
            _ffmpeg.Input.Write(_canvas);
        }
        catch (IOException e)
        {
            _ffmpeg.WaitForExit(TimeSpan.FromSeconds(5));
            throw new IOException($"{_path}: ffmpeg stopped encoding at frame {FramesWritten}: {_ffmpeg.Describe()}", e);
        }

        FramesWritten++;
    }

    /// <summary>Finishes the stream, waits for ffmpeg and renames the mp4 into place.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        try
        {
            _ffmpeg.Input.Close();
        }
        catch (IOException)
        {
            // ffmpeg already exited; its exit code says why.
        }

        int exit = _ffmpeg.WaitForExit();
        if (exit != 0 || FramesWritten == 0)
        {
            string why = FramesWritten == 0 ? "no frames were written" : _ffmpeg.Describe();
            Dispose();
            throw new IOException($"{_path}: encoding the overlay failed: {why}");
        }

        _done = true;
        _ffmpeg.Dispose();
        DeleteCaption();
        File.Move(_temporary, _path, overwrite: true);
    }

    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _ffmpeg.Dispose();
        File.Delete(_temporary);
        DeleteCaption();
    }

    private void DeleteCaption()
    {
        if (_captionFile is not null)
        {
            File.Delete(_captionFile);
        }
    }

    private string CaptionFilter(int width, int height)
    {
        if (_captionFile is null)
        {
            return string.Empty;
        }

        int size = OverlayCaption.FontSize(height);
        string font = OverlayCaption.FontFile() is { } file ? $"fontfile={file}:" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $",drawtext={font}textfile={_captionFile}:fontsize={size}:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw={size / 3}:line_spacing={size / 4}:x={size / 2}:y={size / 2}");
    }
}
