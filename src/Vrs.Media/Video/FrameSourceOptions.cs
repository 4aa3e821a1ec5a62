namespace Vrs.Media.Video;

/// <summary>How a <see cref="FrameSource"/> decodes.</summary>
public sealed record FrameSourceOptions
{
    /// <summary>
    /// Output width; with <see cref="Height"/>, frames are scaled inside ffmpeg (bilinear) so a model-resolution
    /// copy needs no resize in C#. Both null: the source size.
    /// </summary>
    public int? Width { get; init; }

    /// <summary>Output height; set together with <see cref="Width"/>.</summary>
    public int? Height { get; init; }

    /// <summary>
    /// Memory for backward reading: frames are decoded forward in chunks that fit this many bytes and yielded
    /// in reverse. 64 MiB holds 10 frames at 1920×1080 or 21 at 1024×1024.
    /// </summary>
    public long BackwardBufferBytes { get; init; } = 64L << 20;

    /// <summary>
    /// For 8-bit 4:2:0 video, have ffmpeg send YUV (half the bytes of RGB through the pipe) and convert to RGB here
    /// with SIMD; false makes ffmpeg's swscale convert. Results agree within ±4 per channel.
    /// </summary>
    public bool ConvertYuvInProcess { get; init; } = true;

    /// <summary>Frame rate reported for a frame folder, which carries no timing.</summary>
    public FrameRate FolderFrameRate { get; init; } = FrameRate.Default;
}
