using Vrs.Media.Video;

namespace Vrs.Grounding.Preprocessing;

/// <summary>
/// Qwen2-VL image and video preprocessing as qwen-vl-utils + the Hugging Face processor do it (lvlm-grounding.md §6.2):
/// smart_resize to multiples of 28 inside the pixel limits, Pillow bicubic resize, ×1/255, (x − mean)/std, frames
/// padded by repeating the last one to a multiple of the temporal patch (an image becomes two identical frames), then
/// the patch flattening of <see cref="PatchFlattener"/>.
/// </summary>
/// <remarks>
/// The Hugging Face processor smart-resizes a second time with its own limits (3136 … 12845056 in the released
/// configs); for a size that is already a multiple of 28 inside those limits that second pass is the identity, so it
/// is not repeated here. qwen-vl-utils reading a video <em>file</em> resizes with torchvision's antialiased bicubic on
/// tensors instead of Pillow; vrs always passes sampled frames, as DecAF does (its "video" is a list of frame files).
/// </remarks>
public sealed class QwenVisionPreprocessor
{
    private readonly QwenVisionConfig _config;

    public QwenVisionPreprocessor(QwenVisionConfig? config = null)
    {
        _config = config ?? QwenVisionConfig.Default;
    }

    public QwenVisionConfig Config => _config;

    /// <summary>The size a width×height frame is resized to under <paramref name="limits"/>.</summary>
    public (int Height, int Width) ResizedSize(int width, int height, PixelLimits limits) =>
        SmartResize.Compute(height, width, _config.Factor, limits.MinPixels, limits.MaxPixels);

    public VisionInput PreprocessImage(RgbFrame frame, PixelLimits limits)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return PreprocessImage(frame.Pixels, frame.Width, frame.Height, limits);
    }

    /// <summary>One image (RGB bytes, row-major width×height×3): grid_t = 1.</summary>
    public VisionInput PreprocessImage(ReadOnlySpan<byte> rgb, int width, int height, PixelLimits limits)
    {
        (int h, int w) = ResizedSize(width, height, limits);
        float[] frame = NormalizedFrame(rgb, width, height, w, h);
        return Flatten([frame], h, w);
    }

    /// <summary>
    /// One image resized to an explicit size, as a message item with <c>resized_height</c>/<c>resized_width</c>
    /// (qwen-vl-utils rounds them with smart_resize under the default limits). DecAF's frame mode asks for twice the
    /// video grid in each dimension this way.
    /// </summary>
    public VisionInput PreprocessImageAtSize(ReadOnlySpan<byte> rgb, int width, int height, int resizedHeight, int resizedWidth)
    {
        (int h, int w) = SmartResize.Compute(resizedHeight, resizedWidth, _config.Factor, QwenVisionConfig.DefaultMinPixels, QwenVisionConfig.DefaultMaxPixels);
        float[] frame = NormalizedFrame(rgb, width, height, w, h);
        return Flatten([frame], h, w);
    }

    public VisionInput PreprocessVideo(IReadOnlyList<RgbFrame> frames, PixelLimits limits)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
        {
            throw new ArgumentException("a video needs at least one frame", nameof(frames));
        }

        return PreprocessVideo(frames.Select(f => (ReadOnlyMemory<byte>)f.Pixels).ToList(), frames[0].Width, frames[0].Height, limits);
    }

    /// <summary>A video given as its sampled frames, all width×height (qwen-vl-utils' frame-list path).</summary>
    public VisionInput PreprocessVideo(IReadOnlyList<ReadOnlyMemory<byte>> frames, int width, int height, PixelLimits limits)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
        {
            throw new ArgumentException("a video needs at least one frame", nameof(frames));
        }

        (int h, int w) = ResizedSize(width, height, limits);
        List<float[]> normalized = new(frames.Count);
        for (int i = 0; i < frames.Count; i++)
        {
            if (frames[i].Length != width * height * 3)
            {
                throw new ArgumentException($"frame {i} has {frames[i].Length} bytes; every frame of this video must be {width}×{height} RGB", nameof(frames));
            }

            normalized.Add(NormalizedFrame(frames[i].Span, width, height, w, h));
        }

        return Flatten(normalized, h, w);
    }

    /// <summary>Resize, then channels-first planes of (x/255 − mean)/std in float32 as the processor computes them.</summary>
    private float[] NormalizedFrame(ReadOnlySpan<byte> rgb, int width, int height, int newWidth, int newHeight)
    {
        byte[] resized = new byte[newWidth * newHeight * 3];
        PillowBicubic.Resize(rgb, width, height, resized, newWidth, newHeight);
        int plane = newWidth * newHeight;
        float[] planes = new float[3 * plane];
        for (int c = 0; c < 3; c++)
        {
            float mean = _config.Mean[c];
            float std = _config.Std[c];
            for (int i = 0; i < plane; i++)
            {
                // transformers' rescale multiplies in float64 and casts to float32; normalize stays in float32.
                float scaled = (float)(resized[(i * 3) + c] * (1.0 / 255));
                planes[(c * plane) + i] = (scaled - mean) / std;
            }
        }

        return planes;
    }

    private VisionInput Flatten(List<float[]> frames, int height, int width)
    {
        int temporal = _config.TemporalPatchSize;
        while (frames.Count % temporal != 0)
        {
            frames.Add(frames[^1]);
        }

        VisionGrid grid = new(frames.Count / temporal, height / _config.PatchSize, width / _config.PatchSize);
        float[] values = new float[grid.PatchCount * _config.PatchDimension];
        PatchFlattener.Flatten(frames, height, width, _config, values);
        return new VisionInput(values, grid, height, width);
    }
}
