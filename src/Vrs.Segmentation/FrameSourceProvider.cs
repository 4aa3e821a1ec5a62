using Vrs.Media.Video;

namespace Vrs.Segmentation;

/// <summary>
/// Frames for the predictor from a video file or frame folder, decoded by ffmpeg straight at model resolution
/// (stretched to size×size). Serves the predictor's access pattern with one decoder at a time: a forward run
/// continues the current ffmpeg stream, a backward run uses the source's chunked backward reading, anything else
/// restarts ffmpeg at the asked frame (backward in chunks when it lies behind the last frame read). Holds one frame (plus a backward chunk and the decoder's one-frame read-ahead), never the video.
/// </summary>
public sealed class FrameSourceProvider : IFrameProvider, IDisposable
{
    private readonly FrameSource _source;
    private IEnumerator<RgbFrame>? _cursor;
    private int _next = -1;
    private int _step;
    private int _last = -1;

    private FrameSourceProvider(FrameSource source, int width, int height)
    {
        _source = source;
        Width = width;
        Height = height;
    }

    public int FrameCount => _source.Count;

    public int Width { get; }

    public int Height { get; }

    /// <summary>How many times a decoder was started (tests and benchmarks check the access pattern).</summary>
    public int DecoderStarts { get; private set; }

    public IReadOnlyList<FrameInfo> Frames => _source.Frames;

    /// <summary>Opens <paramref name="path"/> scaled to <paramref name="size"/>² for the model; Width/Height stay the video's.</summary>
    public static FrameSourceProvider Open(string path, int size, CancellationToken cancellationToken = default)
    {
        FrameSource source = FrameSource.Open(path, new FrameSourceOptions { Width = size, Height = size }, cancellationToken);
        return new FrameSourceProvider(source, source.SourceWidth, source.SourceHeight);
    }

    public void ReadModelFrame(int index, int size, Span<byte> rgb)
    {
        if (size != _source.Width)
        {
            throw new ArgumentException($"this provider decodes at {_source.Width}², not {size}².", nameof(size));
        }

        if (_cursor is null || index != _next)
        {
            _cursor?.Dispose();
            // Behind the last frame read: the backward pass (or a prompt before the last one); read backward in chunks.
            bool backward = index < _last;
            _cursor = (backward ? _source.ReadBackward(index) : _source.Read(index)).GetEnumerator();
            _step = backward ? -1 : 1;
            DecoderStarts++;
        }

        if (!_cursor.MoveNext())
        {
            throw new InvalidDataException($"{_source.Path}: frame {index} could not be decoded (the video ended early).");
        }

        _cursor.Current.Pixels.AsSpan(0, size * size * 3).CopyTo(rgb);
        _last = index;
        _next = index + _step;
    }

    public void Dispose()
    {
        _cursor?.Dispose();
        _source.Dispose();
    }
}
