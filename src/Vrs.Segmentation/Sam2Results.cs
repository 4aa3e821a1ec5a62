namespace Vrs.Segmentation;

/// <summary>One object's output on one frame: 256×256 logits after hole filling, presence score and predicted IoU.</summary>
/// <param name="LowResLogits">Low-resolution logits (row-major 256×256); NO_OBJ_SCORE everywhere when absent. Do not modify.</param>
public sealed record Sam2ObjectResult(int ObjectId, float[] LowResLogits, float ObjectScore, float Iou)
{
    /// <summary>object_score_logits &gt; 0.</summary>
    public bool IsPresent => ObjectScore > 0;
}

/// <summary>Every object's output on one frame.</summary>
public sealed record Sam2FrameResult(int Frame, IReadOnlyList<Sam2ObjectResult> Objects);

/// <summary>
/// Turns low-resolution logits into video-size binary masks: bilinear upsampling (align_corners = False), optional
/// non-overlap (per pixel only the highest-scoring object keeps its logit, the others are capped at −10, as
/// <c>_apply_non_overlapping_constraints</c>), threshold. One instance per video size; not thread-safe.
/// </summary>
public sealed class Sam2MaskRenderer
{
    private readonly MaskUpsampler _upsampler;
    private readonly float _threshold;
    private float[][] _planes = [];

    public Sam2MaskRenderer(int width, int height, float threshold = 0f)
    {
        _upsampler = new MaskUpsampler(Onnx.Contracts.Sam2Contract.LowResMaskSize, Onnx.Contracts.Sam2Contract.LowResMaskSize, width, height);
        _threshold = threshold;
    }

    public int Width => _upsampler.Width;

    public int Height => _upsampler.Height;

    /// <summary>Writes one mask per object (same order as <paramref name="frame"/>.Objects), <paramref name="on"/> for foreground.</summary>
    public void Render(Sam2FrameResult frame, IReadOnlyList<byte[]> masks, bool nonOverlap = false, byte on = 255)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(masks);
        int count = frame.Objects.Count;
        if (masks.Count < count)
        {
            throw new ArgumentException($"need {count} mask buffers, got {masks.Count}.", nameof(masks));
        }

        if (!nonOverlap || count < 2)
        {
            for (int i = 0; i < count; i++)
            {
                _upsampler.UpsampleToMask(frame.Objects[i].LowResLogits, masks[i], _threshold, on);
            }

            return;
        }

        int pixels = Width * Height;
        if (_planes.Length < count)
        {
            _planes = new float[count][];
        }

        for (int i = 0; i < count; i++)
        {
            _planes[i] ??= new float[pixels];
            _upsampler.Upsample(frame.Objects[i].LowResLogits, _planes[i]);
        }

        for (int p = 0; p < pixels; p++)
        {
            int winner = 0;
            for (int i = 1; i < count; i++)
            {
                if (_planes[i][p] > _planes[winner][p])
                {
                    winner = i;
                }
            }

            for (int i = 0; i < count; i++)
            {
                float v = i == winner ? _planes[i][p] : Math.Min(_planes[i][p], -10f);
                masks[i][p] = v > _threshold ? on : (byte)0;
            }
        }
    }
}
