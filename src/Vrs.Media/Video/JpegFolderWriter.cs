using System.Globalization;
using Vrs.Media.Masks;

namespace Vrs.Media.Video;

/// <summary>
/// Encodes raw rgb24 frames as a folder of JPEGs named 00000.jpg, 00001.jpg, … (the layout of DAVIS-style
/// benchmark frame folders) through one ffmpeg. The folder is filled under a hidden name and appears only on
/// <see cref="Complete"/>; disposing without completing leaves nothing behind.
/// </summary>
public sealed class JpegFolderWriter : IDisposable
{
    private readonly StagedDirectory _staging;
    private readonly RawFramePipe _pipe;

    /// <param name="folder">The folder to create (an existing one is replaced on completion).</param>
    /// <param name="width">Frame width in pixels.</param>
    /// <param name="height">Frame height in pixels.</param>
    /// <param name="quality">ffmpeg's mjpeg scale, 2 (best) … 31; 2 keeps decoded colours within a few levels.</param>
    /// <param name="cancellationToken">Kills ffmpeg when cancelled.</param>
    public JpegFolderWriter(string folder, int width, int height, int quality = 2, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(quality, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quality, 31);
        _staging = new StagedDirectory(folder);
        string[] output =
        [
            // Full-range 4:2:0, what cameras and benchmark JPEGs use.
            "-c:v", "mjpeg", "-q:v", quality.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuvj420p",
            "-start_number", "0", "-f", "image2", "-y", MediaTool.InputUrl(Path.Combine(_staging.Path, "%05d.jpg")),
        ];
        try
        {
            _pipe = new RawFramePipe(_staging.FinalPath, width, height, FrameRate.Default, output, _staging.Commit, _staging.Dispose, cancellationToken);
        }
        catch
        {
            _staging.Dispose();
            throw;
        }
    }

    public string Folder => _staging.FinalPath;

    public int FrameBytes => _pipe.FrameBytes;

    public int FramesWritten => _pipe.FramesWritten;

    /// <summary>Encodes one frame: <see cref="FrameBytes"/> bytes of R, G, B, row after row.</summary>
    public void Write(ReadOnlySpan<byte> rgb) => _pipe.Write(rgb);

    /// <summary>Finishes the stream, waits for ffmpeg and moves the folder into place.</summary>
    public void Complete() => _pipe.Complete();

    public void Dispose() => _pipe.Dispose();
}
