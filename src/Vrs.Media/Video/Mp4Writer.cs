using System.Globalization;

namespace Vrs.Media.Video;

/// <summary>
/// Encodes raw rgb24 frames into an H.264 mp4 (yuv420p) through one ffmpeg reading them on stdin.
/// The file is written under a hidden temporary name and renamed into place by <see cref="Complete"/>; disposing
/// without completing kills ffmpeg and deletes the temporary file.
/// </summary>
public sealed class Mp4Writer : IDisposable
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly RawFramePipe _pipe;

    /// <param name="path">The mp4 to write (its folder is created).</param>
    /// <param name="width">Frame width in pixels.</param>
    /// <param name="height">Frame height in pixels.</param>
    /// <param name="rate">Frame rate; an invalid one means <see cref="FrameRate.Default"/>.</param>
    /// <param name="crf">libx264 constant rate factor (lower is better and larger; 23 is x264's default).</param>
    /// <param name="preset">libx264 preset.</param>
    /// <param name="filters">More ffmpeg video filters after the padding, each starting with a comma (e.g. a caption).</param>
    /// <param name="cancellationToken">Kills ffmpeg when cancelled.</param>
    public Mp4Writer(string path, int width, int height, FrameRate rate, int crf = 20, string preset = "veryfast", string filters = "", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(crf);
        ArgumentException.ThrowIfNullOrEmpty(preset);
        _path = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        _temporary = Path.Combine(directory, $".{Path.GetFileName(_path)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        string[] output =
        [
            // yuv420p needs even sides; pad odd ones by a pixel rather than distort.
            "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2" + filters,
            "-c:v", "libx264", "-preset", preset,
            "-crf", crf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-movflags", "+faststart",
            "-f", "mp4", "-y", MediaTool.InputUrl(_temporary),
        ];
        _pipe = new RawFramePipe(_path, width, height, rate, output, () => File.Move(_temporary, _path, overwrite: true), () => File.Delete(_temporary), cancellationToken);
    }

    public int Width => _pipe.Width;

    public int Height => _pipe.Height;

    /// <summary>Bytes of one rgb24 frame: width × height × 3.</summary>
    public int FrameBytes => _pipe.FrameBytes;

    public int FramesWritten => _pipe.FramesWritten;

    /// <summary>Encodes one frame: <see cref="FrameBytes"/> bytes of R, G, B, row after row.</summary>
    public void Write(ReadOnlySpan<byte> rgb) => _pipe.Write(rgb);

    /// <summary>Finishes the stream, waits for ffmpeg and renames the mp4 into place.</summary>
    public void Complete() => _pipe.Complete();

    public void Dispose() => _pipe.Dispose();
}
