using System.Globalization;

namespace Vrs.Media.Video;

/// <summary>
/// One ffmpeg reading raw rgb24 frames on stdin and encoding them with the output arguments its owner gives
/// (<see cref="Mp4Writer"/>, <see cref="JpegFolderWriter"/>): the input side, the failure messages and the
/// complete-or-discard life cycle live here once; the owners say only how their output is published or discarded.
/// </summary>
internal sealed class RawFramePipe : IDisposable
{
    private readonly string _target;
    private readonly MediaTool _ffmpeg;
    private readonly Action _publish;
    private readonly Action _discard;
    private bool _done;

    /// <param name="target">What is being written, for messages (a file or folder path).</param>
    /// <param name="width">Frame width.</param>
    /// <param name="height">Frame height.</param>
    /// <param name="rate">Input frame rate; an invalid one means <see cref="FrameRate.Default"/>.</param>
    /// <param name="output">ffmpeg's arguments after the input: codec, format and destination.</param>
    /// <param name="publish">Moves the finished output into place (after ffmpeg succeeded).</param>
    /// <param name="discard">Deletes the unfinished output (disposed before completion, or ffmpeg failed).</param>
    /// <param name="cancellationToken">Kills ffmpeg when cancelled.</param>
    public RawFramePipe(string target, int width, int height, FrameRate rate, IEnumerable<string> output, Action publish, Action discard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publish);
        ArgumentNullException.ThrowIfNull(discard);
        _publish = publish;
        _discard = discard;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        _target = target;
        Width = width;
        Height = height;
        FrameBytes = checked(width * height * 3);
        FrameRate fps = rate.IsValid ? rate : FrameRate.Default;
        string[] input =
        [
            "-hide_banner", "-loglevel", "error",
            "-f", "rawvideo", "-pix_fmt", "rgb24",
            "-s", string.Create(CultureInfo.InvariantCulture, $"{width}x{height}"),
            "-framerate", fps.ToString(),
            "-i", "pipe:0",
        ];
        _ffmpeg = MediaTool.Start("ffmpeg", input.Concat(output), writeInput: true, cancellationToken);
    }

    public int Width { get; }

    public int Height { get; }

    public int FrameBytes { get; }

    public int FramesWritten { get; private set; }

    public void Write(ReadOnlySpan<byte> rgb)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (rgb.Length != FrameBytes)
        {
            throw new ArgumentException($"a {Width}×{Height} rgb24 frame has {FrameBytes} bytes; got {rgb.Length}", nameof(rgb));
        }

        try
        {
            _ffmpeg.Input.Write(rgb);
        }
        catch (IOException e)
        {
            _ffmpeg.WaitForExit(TimeSpan.FromSeconds(5));
            throw new IOException($"{_target}: ffmpeg stopped encoding at frame {FramesWritten}: {_ffmpeg.Describe()}", e);
        }

        FramesWritten++;
    }

    /// <summary>Closes the input, waits for ffmpeg and publishes the output; when ffmpeg failed or got no frames, discards it and throws.</summary>
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
            throw new IOException($"{_target}: encoding failed: {why}");
        }

        _done = true;
        _ffmpeg.Dispose();
        _publish();
    }

    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _ffmpeg.Dispose();
        _discard();
    }
}
