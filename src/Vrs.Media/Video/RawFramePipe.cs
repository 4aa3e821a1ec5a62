using System.Globalization;

namespace Vrs.Media.Video;

/// <summary>
/// One ffmpeg reading raw rgb24 frames on stdin and encoding them with the output arguments its owner gives
/// (<see cref="Mp4Writer"/>, <see cref="JpegFolderWriter"/>): the input side and the failure messages live here once.
/// </summary>
internal sealed class RawFramePipe : IDisposable
{
    private readonly string _target;
    private readonly MediaTool _ffmpeg;

    /// <param name="target">What is being written, for messages (a file or folder path).</param>
    /// <param name="width">Frame width.</param>
    /// <param name="height">Frame height.</param>
    /// <param name="rate">Input frame rate; an invalid one means <see cref="FrameRate.Default"/>.</param>
    /// <param name="output">ffmpeg's arguments after the input: codec, format and destination.</param>
    /// <param name="cancellationToken">Kills ffmpeg when cancelled.</param>
    public RawFramePipe(string target, int width, int height, FrameRate rate, IEnumerable<string> output, CancellationToken cancellationToken)
    {
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

    /// <summary>Closes the input and waits for ffmpeg; throws when it failed or got no frames.</summary>
    public void Finish()
    {
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
            throw new IOException($"{_target}: encoding failed: {why}");
        }
    }

    public void Dispose() => _ffmpeg.Dispose();
}
