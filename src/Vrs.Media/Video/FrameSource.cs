using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vrs.Media.Video;

/// <summary>
/// Frames of a video file or of a folder of JPEG/PNG frames, decoded by one ffmpeg process per read as a stream
/// of raw frames into reused buffers (nothing is allocated per frame; a background thread reads one raw frame
/// ahead into a second buffer so ffmpeg keeps decoding while the caller works on the current one).
/// Reading starts at any frame (ffmpeg restarts there) and runs forward, or backward in bounded chunks.
/// Enumerating kills its ffmpeg when the enumerator is disposed or the token is cancelled; disposing the source
/// kills every decoder it still runs.
/// </summary>
public sealed class FrameSource : IDisposable
{
    private static readonly string[] s_frameExtensions = [".jpg", ".jpeg", ".png"];
    private static long s_decodeTicks;

    private readonly string[]? _files;
    private readonly FrameInfo[] _frames;
    private readonly FrameSourceOptions _options;
    private readonly HashSet<MediaTool> _running = [];
    private readonly Yuv420ToRgb? _yuv;
    private readonly string? _yuvFormat;
    private FrameTimeline? _timeline;
    private bool _timelineRead;
    private bool _disposed;

    private FrameSource(string path, VideoInfo? video, string[]? files, FrameInfo[] frames, int sourceWidth, int sourceHeight, FrameRate rate, FrameSourceOptions options)
    {
        Path = path;
        Video = video;
        _files = files;
        _frames = frames;
        SourceWidth = sourceWidth;
        SourceHeight = sourceHeight;
        Width = options.Width ?? sourceWidth;
        Height = options.Height ?? sourceHeight;
        FrameRate = rate;
        _options = options;
        if (video is not null && options.ConvertYuvInProcess && video.PixelFormat is "yuv420p" or "yuvj420p")
        {
            // Ask for the source's own format so ffmpeg converts nothing (yuvj420p → yuv420p would squeeze the range).
            _yuvFormat = video.PixelFormat;
            _yuv = new Yuv420ToRgb(
                bt709: video.ColorSpace == "bt709",
                fullRange: video.PixelFormat == "yuvj420p" || video.ColorRange == "pc");
        }
    }

    /// <summary>The video file or frame folder.</summary>
    public string Path { get; }

    /// <summary>What ffprobe said about the video; null for a frame folder.</summary>
    public VideoInfo? Video { get; }

    public bool IsFolder => Video is null;

    public int Count => _frames.Length;

    /// <summary>Size of the frames in the file (a folder: its first frame).</summary>
    public int SourceWidth { get; }

    public int SourceHeight { get; }

    /// <summary>Size of the frames this source yields (the scale target, or the source size).</summary>
    public int Width { get; }

    public int Height { get; }

    public FrameRate FrameRate { get; }

    /// <summary>Every frame's index and name, in order.</summary>
    public IReadOnlyList<FrameInfo> Frames => _frames;

    /// <summary>
    /// Wall time every source of this process has spent decoding since it started: probing, starting and stopping
    /// ffmpeg, waiting for each raw frame and converting it to RGB (scripts/bench-segment subtracts it to get the
    /// host's share). Process-wide, not per source, because the sources <c>vrs segment</c> decodes through are opened
    /// and disposed inside library calls (sampling for the LVLM, SAM 2's frame provider, the overlay) that do not hand
    /// them out; a caller takes the difference around the work it measures. Two timestamps per step, no allocation.
    /// </summary>
    public static TimeSpan DecodeTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref s_decodeTicks));

    /// <summary>
    /// Opens a video file or a frame folder (files ending .jpg/.jpeg/.png, sorted by name, names kept).
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither a file nor a folder exists at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">Not a video, corrupt, truncated, or a folder without frames.</exception>
    public static FrameSource Open(string path, FrameSourceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new FrameSourceOptions();
        if ((options.Width is null) != (options.Height is null) || options.Width <= 0 || options.Height <= 0)
        {
            throw new ArgumentException($"a scale target needs a positive width and height; got {options.Width}×{options.Height}", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BackwardBufferBytes, nameof(options));
        long started = Stopwatch.GetTimestamp();
        try
        {
            return Directory.Exists(path) ? OpenFolder(path, options, cancellationToken) : OpenVideo(path, options, cancellationToken);
        }
        finally
        {
            CountDecoding(started);
        }
    }

    private static FrameSource OpenVideo(string path, FrameSourceOptions options, CancellationToken cancellationToken)
    {
        VideoInfo video = VideoProbe.Probe(path, cancellationToken);
        int digits = Math.Max(5, (video.FrameCount - 1).ToString(CultureInfo.InvariantCulture).Length);
        var frames = new FrameInfo[video.FrameCount];
        for (int i = 0; i < frames.Length; i++)
        {
            frames[i] = new FrameInfo(i, i.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }

        return new FrameSource(path, video, null, frames, video.Width, video.Height, video.FrameRate, options);
    }

    /// <summary>
    /// Frames <paramref name="start"/>, <paramref name="start"/>+1, … (at most <paramref name="count"/>, clipped at
    /// the end). The same <see cref="RgbFrame"/> instance is yielded each time, refilled.
    /// </summary>
    /// <exception cref="InvalidDataException">(while enumerating) the video ends or breaks early; the message names the frame reached.</exception>
    public IEnumerable<RgbFrame> Read(int start = 0, int count = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckStart(start, allowEnd: true);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = (int)Math.Min(count, (long)Count - start);
        return ReadForward(start, n, cancellationToken);
    }

    /// <summary>
    /// Frames <paramref name="start"/>, <paramref name="start"/>-1, … down to frame 0 (at most
    /// <paramref name="count"/>). Decodes forward in chunks that fit <see cref="FrameSourceOptions.BackwardBufferBytes"/>
    /// and yields each chunk reversed; each chunk restarts ffmpeg at its first frame. The yielded frame is one of
    /// the chunk's buffers: copy it to keep it.
    /// </summary>
    public IEnumerable<RgbFrame> ReadBackward(int start, int count = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        CheckStart(start, allowEnd: false);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = Math.Min(count, start + 1);
        return ReadBackwardChunks(start, n, cancellationToken);
    }

    /// <summary>How many frames one backward chunk holds.</summary>
    public int BackwardChunkFrames => (int)Math.Clamp(_options.BackwardBufferBytes / ((long)Width * Height * 3), 1, 256);

    public void Dispose()
    {
        MediaTool[] running;
        lock (_running)
        {
            _disposed = true;
            running = [.. _running];
        }

        foreach (MediaTool tool in running)
        {
            tool.Kill();
        }
    }

    private static FrameSource OpenFolder(string path, FrameSourceOptions options, CancellationToken cancellationToken)
    {
        string[] files = Directory.EnumerateFiles(path)
            .Where(f => s_frameExtensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray();
        if (files.Length == 0)
        {
            throw new InvalidDataException($"{path}: the frame folder has no .jpg, .jpeg or .png files");
        }

        var frames = new FrameInfo[files.Length];
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < files.Length; i++)
        {
            string name = System.IO.Path.GetFileNameWithoutExtension(files[i]);
            if (!seen.TryAdd(name, files[i]))
            {
                throw new InvalidDataException($"{path}: two frames are both named '{name}' ({System.IO.Path.GetFileName(seen[name])}, {System.IO.Path.GetFileName(files[i])})");
            }

            if (files[i].Contains('\n', StringComparison.Ordinal) || files[i].Contains('\r', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{path}: frame file name with a line break cannot be passed to ffmpeg: {files[i]}");
            }

            frames[i] = new FrameInfo(i, name);
        }

        VideoInfo first;
        try
        {
            first = VideoProbe.Probe(files[0], cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{path}: the first frame is not a readable image: {e.Message}", e);
        }

        return new FrameSource(path, null, files, frames, first.Width, first.Height, options.FolderFrameRate, options);
    }

    private void CheckStart(int start, bool allowEnd)
    {
        int limit = allowEnd ? Count : Count - 1;
        if (start < 0 || start > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"{Path} has frames 0..{Count - 1}");
        }
    }

    private IEnumerable<RgbFrame> ReadForward(int start, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            yield break;
        }

        var frame = new RgbFrame(Width, Height);
        using Decoder decoder = StartDecoder(start, count, cancellationToken);
        for (int i = 0; i < count; i++)
        {
            decoder.ReadInto(frame, _frames[start + i], cancellationToken);
            yield return frame;
        }
    }

    private IEnumerable<RgbFrame> ReadBackwardChunks(int start, int count, CancellationToken cancellationToken)
    {
        int chunk = Math.Min(BackwardChunkFrames, count);
        var ring = new RgbFrame[chunk];
        for (int i = 0; i < chunk; i++)
        {
            ring[i] = new RgbFrame(Width, Height);
        }

        int low = start - count + 1;
        int end = start + 1;
        while (end > low)
        {
            int first = Math.Max(low, end - chunk);
            int n = end - first;
            using (Decoder decoder = StartDecoder(first, n, cancellationToken))
            {
                for (int i = 0; i < n; i++)
                {
                    decoder.ReadInto(ring[i], _frames[first + i], cancellationToken);
                }
            }

            for (int i = n - 1; i >= 0; i--)
            {
                yield return ring[i];
            }

            end = first;
        }
    }

    private static void CountDecoding(long started) => Interlocked.Add(ref s_decodeTicks, Stopwatch.GetTimestamp() - started);

    private Decoder StartDecoder(int start, int count, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        try
        {
            return StartDecoderTool(start, count, cancellationToken);
        }
        finally
        {
            CountDecoding(started);
        }
    }

    private Decoder StartDecoderTool(int start, int count, CancellationToken cancellationToken)
    {
        // -xerror: a packet the decoder rejects stops ffmpeg; dropping it would shift every later frame's index.
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error", "-xerror" };
        var filters = new List<string>();
        string? listFile = null;
        if (_files is not null)
        {
            listFile = WriteConcatList(start, count);
            arguments.AddRange(["-f", "concat", "-safe", "0", "-i", MediaTool.InputUrl(listFile)]);

            // Frames of a folder may differ in size; scaling every one to the first's keeps the raw stream aligned.
            filters.Add(Scale());
        }
        else
        {
            if (start > 0)
            {
                FrameTimeline? timeline = Timeline(cancellationToken);
                if (timeline is not null)
                {
                    double cut = timeline.CutBefore(start);
                    double seek = Math.Max(0, cut - Video!.StartTime);
                    arguments.AddRange(["-ss", Seconds(seek), "-noaccurate_seek", "-copyts"]);
                    filters.Add($"select=gte(t\\,{Seconds(cut)})");
                }
                else
                {
                    // No usable timestamps: decode from the start and drop frames by number (exact, slower).
                    filters.Add(string.Create(CultureInfo.InvariantCulture, $"select=gte(n\\,{start})"));
                }
            }

            arguments.AddRange(["-i", MediaTool.InputUrl(Path)]);
            if (_options.Width is not null)
            {
                filters.Add(Scale());
            }
        }

        arguments.AddRange(["-map", "0:v:0", "-an", "-sn", "-dn"]);
        if (filters.Count > 0)
        {
            arguments.AddRange(["-vf", string.Join(',', filters)]);
        }

        arguments.AddRange(
        [
            "-frames:v", count.ToString(CultureInfo.InvariantCulture),
            "-fps_mode", "passthrough",
            "-f", "rawvideo", "-pix_fmt", _yuvFormat ?? "rgb24",

            // Unbuffered output: one write per frame instead of 32 KiB pieces, fewer wake-ups on both ends.
            "-avioflags", "direct", "pipe:1",
        ]);

        MediaTool tool;
        try
        {
            tool = MediaTool.Start("ffmpeg", arguments, writeInput: false, cancellationToken);
        }
        catch
        {
            DeleteQuietly(listFile);
            throw;
        }

        lock (_running)
        {
            if (_disposed)
            {
                tool.Dispose();
                DeleteQuietly(listFile);
                throw new ObjectDisposedException(nameof(FrameSource));
            }

            _running.Add(tool);
        }

        return new Decoder(this, tool, listFile, count);
    }

    /// <summary>
    /// After a folder read fails, finds the file that broke it. ffmpeg decodes a few frames ahead on several
    /// threads, so the frames lost when it stopped may precede the bad file; each candidate is decoded alone.
    /// </summary>
    private (int Index, string Message)? FindUnreadableFile(int reached, CancellationToken cancellationToken)
    {
        int last = Math.Min(_files!.Length, reached + Environment.ProcessorCount + 16);
        for (int i = reached; i < last; i++)
        {
            string[] arguments = ["-nostdin", "-hide_banner", "-loglevel", "error", "-xerror", "-i", MediaTool.InputUrl(_files[i]), "-f", "null", "-"];
            using var tool = MediaTool.Start("ffmpeg", arguments, writeInput: false, cancellationToken);
            tool.Output.CopyTo(Stream.Null);
            if (tool.WaitForExit() != 0 || tool.FirstErrorLine is not null)
            {
                return (i, tool.Describe());
            }
        }

        return null;
    }

    private string Scale() => string.Create(CultureInfo.InvariantCulture, $"scale={Width}:{Height}:flags=bilinear");

    private FrameTimeline? Timeline(CancellationToken cancellationToken)
    {
        if (!_timelineRead)
        {
            _timeline = FrameTimeline.TryRead(Path, Count, cancellationToken);
            _timelineRead = true;
        }

        return _timeline;
    }

    private string WriteConcatList(int start, int count)
    {
        var text = new StringBuilder("ffconcat version 1.0\n");
        for (int i = start; i < start + count; i++)
        {
            // Each image gets a duration so timestamps increase (ffmpeg complains otherwise); the rate is nominal.
            string file = MediaTool.InputUrl(_files![i]).Replace("'", "'\\''", StringComparison.Ordinal);
            text.Append("file '").Append(file).Append("'\nduration 0.04\n");
        }

        string listFile = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"vrs-frames-{Environment.ProcessId}-{Guid.NewGuid():N}.ffconcat");
        File.WriteAllText(listFile, text.ToString());
        return listFile;
    }

    private static string Seconds(double seconds) => seconds.ToString("F6", CultureInfo.InvariantCulture);

    private static void DeleteQuietly(string? file)
    {
        if (file is null)
        {
            return;
        }

        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
            // A leftover list file in /tmp is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    /// <summary>One ffmpeg run: reads whole frames from its stdout and turns a short stream into a clear error.</summary>
    private sealed class Decoder(FrameSource owner, MediaTool tool, string? listFile, int count) : IDisposable
    {
        private readonly RawFrameReader _reader = new(
            tool.Output,
            owner._yuv is null ? checked(owner.Width * owner.Height * 3) : Yuv420ToRgb.FrameBytes(owner.Width, owner.Height),
            count);

        public void ReadInto(RgbFrame frame, FrameInfo info, CancellationToken cancellationToken)
        {
            long started = Stopwatch.GetTimestamp();
            try
            {
                Read(frame, info, cancellationToken);
            }
            finally
            {
                CountDecoding(started);
            }
        }

        public void Dispose()
        {
            long started = Stopwatch.GetTimestamp();
            lock (owner._running)
            {
                owner._running.Remove(tool);
            }

            // Kill first: the reader thread may be blocked reading the pipe, and ends when the pipe closes.
            tool.Kill();
            _reader.Dispose();
            tool.Dispose();
            DeleteQuietly(listFile);
            CountDecoding(started);
        }

        private void Read(RgbFrame frame, FrameInfo info, CancellationToken cancellationToken)
        {
            byte[] raw;
            int got;
            try
            {
                (raw, got) = _reader.Next(cancellationToken);
            }
            catch (IOException) when (cancellationToken.IsCancellationRequested || owner._disposed)
            {
                (raw, got) = ([], -1);
            }

            if (got == _reader.FrameBytes)
            {
                if (owner._yuv is { } yuv)
                {
                    yuv.Convert(raw, frame.Width, frame.Height, frame.Pixels);
                }
                else
                {
                    raw.CopyTo(frame.Pixels, 0);
                }

                frame.SetIdentity(info);
                return;
            }

            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(owner._disposed, owner);
            tool.WaitForExit(TimeSpan.FromSeconds(5));
            if (owner._files is not null && owner.FindUnreadableFile(info.Index, cancellationToken) is { } broken)
            {
                throw new InvalidDataException(
                    $"{owner.Path}: frame {broken.Index} ({System.IO.Path.GetFileName(owner._files[broken.Index])}) cannot be decoded: ffmpeg says: {broken.Message}");
            }

            string what = owner.IsFolder ? $"frame {info.Index} ({info.Name})" : $"frame {info.Index}";
            throw new InvalidDataException(
                $"{owner.Path}: decoding stopped at {what} of {owner.Count} frames: ffmpeg says: {tool.Describe()}");
        }
    }
}
