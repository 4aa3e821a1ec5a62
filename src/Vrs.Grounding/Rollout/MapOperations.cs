using Vrs.Media;

namespace Vrs.Grounding.Rollout;

/// <summary>
/// DecAF's map post-processing (lvlm-grounding.md §2.5, §3.3; DecAF-code <c>inference_attn_mask.py</c>, <c>inf_utils.py</c>),
/// each step a pure function.
/// </summary>
public static class MapOperations
{
    /// <summary>DecAF smooths video-level maps with a 3×3 kernel and frame-level maps with a 7×7 one, σ = 1.</summary>
    public const int VideoKernelSize = 3;

    public const int FrameKernelSize = 7;

    /// <summary>The normalised 1-D Gaussian g[i] ∝ exp(−x²/(2σ²)), x = i − size/2, for an odd size.</summary>
    public static float[] GaussianKernel1D(int size, double sigma)
    {
        if (size <= 0 || size % 2 == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), $"kernel size must be odd and positive, got {size}");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sigma);
        double[] g = new double[size];
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            double x = i - (size / 2);
            g[i] = Math.Exp(-(x * x) / (2 * sigma * sigma));
            sum += g[i];
        }

        float[] kernel = new float[size];
        for (int i = 0; i < size; i++)
        {
            kernel[i] = (float)(g[i] / sum);
        }

        return kernel;
    }

    /// <summary>
    /// Per-frame 2-D convolution with the outer product of <see cref="GaussianKernel1D"/> and zero padding of size/2,
    /// output the same size (conv2d, padding = k // 2).
    /// </summary>
    public static TokenMap GaussianSmooth(TokenMap map, int kernelSize, double sigma = 1.0)
    {
        ArgumentNullException.ThrowIfNull(map);
        float[] g = GaussianKernel1D(kernelSize, sigma);
        int r = kernelSize / 2;
        TokenMap result = new(map.Frames, map.Height, map.Width);
        for (int t = 0; t < map.Frames; t++)
        {
            ReadOnlySpan<float> src = map.Frame(t);
            Span<float> dst = result.Frame(t);
            for (int y = 0; y < map.Height; y++)
            {
                for (int x = 0; x < map.Width; x++)
                {
                    double sum = 0;
                    for (int dy = -r; dy <= r; dy++)
                    {
                        int yy = y + dy;
                        if (yy < 0 || yy >= map.Height)
                        {
                            continue;
                        }

                        for (int dx = -r; dx <= r; dx++)
                        {
                            int xx = x + dx;
                            if (xx < 0 || xx >= map.Width)
                            {
                                continue;
                            }

                            sum += (double)g[dy + r] * g[dx + r] * src[(yy * map.Width) + xx];
                        }
                    }

                    dst[(y * map.Width) + x] = (float)sum;
                }
            }
        }

        return result;
    }

    /// <summary>Object-minus-background contrast: clamp(obj − bg, 0, 1), element-wise (DecAF §3.3).</summary>
    public static TokenMap Contrast(TokenMap objectMap, TokenMap backgroundMap)
    {
        ArgumentNullException.ThrowIfNull(objectMap);
        ArgumentNullException.ThrowIfNull(backgroundMap);
        CheckSameShape(objectMap, backgroundMap);
        TokenMap result = new(objectMap.Frames, objectMap.Height, objectMap.Width);
        for (int i = 0; i < result.Values.Length; i++)
        {
            result.Values[i] = Math.Clamp(objectMap.Values[i] - backgroundMap.Values[i], 0f, 1f);
        }

        return result;
    }

    /// <summary>Min–max over all frames at once (video maps and the fused map). A constant map becomes all 0.</summary>
    public static TokenMap MinMaxGlobal(TokenMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        TokenMap result = new(map.Frames, map.Height, map.Width);
        MinMaxInto(map.Values, result.Values);
        return result;
    }

    /// <summary>Min–max per frame (frame maps). A constant frame becomes all 0 (DecAF's safe denominator).</summary>
    public static TokenMap MinMaxPerFrame(TokenMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        TokenMap result = new(map.Frames, map.Height, map.Width);
        for (int t = 0; t < map.Frames; t++)
        {
            MinMaxInto(map.Frame(t), result.Frame(t));
        }

        return result;
    }

    /// <summary>
    /// Video-level slices cover frame pairs (temporal patch 2): repeat each twice along time and drop the last copy
    /// when <paramref name="frameCount"/> is odd (DecAF <c>repeat_interleave(2)</c> then <c>[:-1]</c>).
    /// </summary>
    public static TokenMap RepeatPairsToFrames(TokenMap videoMap, int frameCount)
    {
        ArgumentNullException.ThrowIfNull(videoMap);
        if (frameCount == videoMap.Frames)
        {
            return videoMap;
        }

        if (frameCount != 2 * videoMap.Frames && frameCount != (2 * videoMap.Frames) - 1)
        {
            throw new ArgumentException($"a video map of {videoMap.Frames} temporal slices covers {(2 * videoMap.Frames) - 1} or {2 * videoMap.Frames} frames, not {frameCount}", nameof(frameCount));
        }

        TokenMap result = new(frameCount, videoMap.Height, videoMap.Width);
        for (int t = 0; t < frameCount; t++)
        {
            videoMap.Frame(t / 2).CopyTo(result.Frame(t));
        }

        return result;
    }

    /// <summary>Bilinear resize of every frame, as torch <c>F.interpolate(mode="bilinear", align_corners=False)</c>.</summary>
    public static TokenMap ResizeBilinear(TokenMap map, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(map);
        TokenMap result = new(map.Frames, height, width);
        (int[] y0, int[] y1, float[] wy) = BilinearTaps.Compute(map.Height, height);
        (int[] x0, int[] x1, float[] wx) = BilinearTaps.Compute(map.Width, width);
        for (int t = 0; t < map.Frames; t++)
        {
            ReadOnlySpan<float> src = map.Frame(t);
            Span<float> dst = result.Frame(t);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    float top = ((1f - wx[x]) * src[(y0[y] * map.Width) + x0[x]]) + (wx[x] * src[(y0[y] * map.Width) + x1[x]]);
                    float bottom = ((1f - wx[x]) * src[(y1[y] * map.Width) + x0[x]]) + (wx[x] * src[(y1[y] * map.Width) + x1[x]]);
                    dst[(y * width) + x] = ((1f - wy[y]) * top) + (wy[y] * bottom);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// DecAF's video–frame fusion of the two contrasted maps: video min–max globally, frame min–max per frame, video
    /// repeated to frames and resized to the frame grid, V = (V_vid + V_frm)/2, then a global min–max.
    /// </summary>
    public static TokenMap FuseVideoAndFrame(TokenMap videoContrast, TokenMap frameContrast)
    {
        ArgumentNullException.ThrowIfNull(videoContrast);
        ArgumentNullException.ThrowIfNull(frameContrast);
        TokenMap video = MinMaxGlobal(videoContrast);
        TokenMap frame = MinMaxPerFrame(frameContrast);
        video = RepeatPairsToFrames(video, frame.Frames);
        video = ResizeBilinear(video, frame.Height, frame.Width);
        TokenMap sum = new(frame.Frames, frame.Height, frame.Width);
        for (int i = 0; i < sum.Values.Length; i++)
        {
            sum.Values[i] = (video.Values[i] + frame.Values[i]) / 2f;
        }

        return MinMaxGlobal(sum);
    }

    /// <summary>
    /// DecAF's whole map step from the four raw rollout maps (object/background × video/frame): Gaussian smoothing
    /// (3×3 video, 7×7 frame, σ = 1), object-minus-background contrast, then <see cref="FuseVideoAndFrame"/>.
    /// </summary>
    public static TokenMap DecafFuse(TokenMap objectVideo, TokenMap backgroundVideo, TokenMap objectFrame, TokenMap backgroundFrame)
    {
        TokenMap video = Contrast(GaussianSmooth(objectVideo, VideoKernelSize), GaussianSmooth(backgroundVideo, VideoKernelSize));
        TokenMap frame = Contrast(GaussianSmooth(objectFrame, FrameKernelSize), GaussianSmooth(backgroundFrame, FrameKernelSize));
        return FuseVideoAndFrame(video, frame);
    }

    private static void MinMaxInto(ReadOnlySpan<float> source, Span<float> destination)
    {
        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        foreach (float v in source)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        float range = max - min;
        float denominator = range > 0f ? range : 1f;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (source[i] - min) / denominator;
        }
    }

    private static void CheckSameShape(TokenMap a, TokenMap b)
    {
        if (a.Frames != b.Frames || a.Height != b.Height || a.Width != b.Width)
        {
            throw new ArgumentException($"maps differ in shape: {a.Frames}×{a.Height}×{a.Width} and {b.Frames}×{b.Height}×{b.Width}");
        }
    }
}
