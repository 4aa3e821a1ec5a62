using System.Diagnostics;
using Vrs.Onnx;
using Vrs.Onnx.Contracts;
using C = Vrs.Onnx.Contracts.Sam2Contract;

namespace Vrs.Segmentation;

/// <summary>What the decoder returned for one object on one frame (views into the model's output tensors).</summary>
internal readonly ref struct DecoderOutput
{
    public DecoderOutput(ReadOnlySpan<float> masks, ReadOnlySpan<float> iou, ReadOnlySpan<float> pointers, float objectScore)
    {
        Masks = masks;
        Iou = iou;
        Pointers = pointers;
        ObjectScore = objectScore;
    }

    /// <summary>4 × 256 × 256 logits; token 0 single-mask, 1–3 multimask.</summary>
    public ReadOnlySpan<float> Masks { get; }

    public ReadOnlySpan<float> Iou { get; }

    /// <summary>4 × 256 ungated pointers.</summary>
    public ReadOnlySpan<float> Pointers { get; }

    public float ObjectScore { get; }

    public ReadOnlySpan<float> Mask(int token) => Masks.Slice(token * Sam2Model.LowResPixels, Sam2Model.LowResPixels);

    public ReadOnlySpan<float> Pointer(int token) => Pointers.Slice(token * C.HiddenDim, C.HiddenDim);
}

/// <summary>
/// An opened <c>sam2</c> bundle: the four sessions with their inputs and outputs preallocated, so a tracking step
/// allocates no tensors. One model serves one predictor at a time (runs are not thread-safe on shared buffers).
/// </summary>
public sealed class Sam2Model : IDisposable
{
    internal const int FeaturePixels = C.FeatureSize * C.FeatureSize;
    internal const int LowResPixels = C.LowResMaskSize * C.LowResMaskSize;
    internal const int MemoryElements = C.MemDim * FeaturePixels;

    private readonly ModelBundle _bundle;
    private readonly SessionRunner _encoder;
    private readonly SessionRunner _decoder;
    private readonly SessionRunner _memoryEncoder;
    private readonly SessionRunner _memoryAttention;
    private readonly OnnxTensor<float> _image;
    private readonly OnnxTensor<float> _visionFeat;
    private readonly OnnxTensor<float> _visionFeatNoMem;
    private readonly OnnxTensor<float> _highRes0;
    private readonly OnnxTensor<float> _highRes1;
    private readonly OnnxTensor<float> _pointCoords;
    private readonly OnnxTensor<float> _pointLabels;
    private readonly OnnxTensor<float> _maskInput;
    private readonly OnnxTensor<float> _hasMaskInput;
    private readonly OnnxTensor<float> _masks;
    private readonly OnnxTensor<float> _iou;
    private readonly OnnxTensor<float> _pointers;
    private readonly OnnxTensor<float> _objectScore;
    private readonly OnnxTensor<float> _memMaskLogits;
    private readonly OnnxTensor<float> _memObjectScore;
    private readonly OnnxTensor<float> _binarize;
    private readonly OnnxTensor<float> _maskmem;
    private readonly OnnxTensor<float> _pixFeatWithMem;
    private readonly Dictionary<int, MemoryFeatureWindow> _memFeats = [];
    private OnnxTensor<long> _memTpos;
    private OnnxTensor<float> _objPtrs;
    private OnnxTensor<float> _objPtrTpos;
    private long _onnxTicks;

    private Sam2Model(ModelBundle bundle)
    {
        _bundle = bundle;
        Settings = Sam2Settings.FromManifest(bundle.Manifest);
        int size = Settings.ImageSize;
        _image = OnnxTensor.Allocate<float>([1, 3, size, size]);
        _visionFeat = OnnxTensor.Allocate<float>([1, C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        _visionFeatNoMem = OnnxTensor.Allocate<float>([1, C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        _highRes0 = OnnxTensor.Allocate<float>([1, 32, 4 * C.FeatureSize, 4 * C.FeatureSize]);
        _highRes1 = OnnxTensor.Allocate<float>([1, 64, 2 * C.FeatureSize, 2 * C.FeatureSize]);
        _pointCoords = OnnxTensor.Allocate<float>([1, 1, 2], capacity: 2 * MaxPoints);
        _pointLabels = OnnxTensor.Allocate<float>([1, 1], capacity: MaxPoints);
        _maskInput = OnnxTensor.Allocate<float>([1, 1, C.LowResMaskSize, C.LowResMaskSize]);
        _hasMaskInput = OnnxTensor.Allocate<float>([1]);
        _masks = OnnxTensor.Allocate<float>([1, C.MaskTokens, C.LowResMaskSize, C.LowResMaskSize]);
        _iou = OnnxTensor.Allocate<float>([1, C.MaskTokens]);
        _pointers = OnnxTensor.Allocate<float>([1, C.MaskTokens, C.HiddenDim]);
        _objectScore = OnnxTensor.Allocate<float>([1, 1]);
        _memMaskLogits = OnnxTensor.Allocate<float>([1, 1, C.LowResMaskSize, C.LowResMaskSize]);
        _memObjectScore = OnnxTensor.Allocate<float>([1, 1]);
        _binarize = OnnxTensor.Allocate<float>([1]);
        _maskmem = OnnxTensor.Allocate<float>([1, C.MemDim, C.FeatureSize, C.FeatureSize]);
        _pixFeatWithMem = OnnxTensor.Allocate<float>([1, C.HiddenDim, C.FeatureSize, C.FeatureSize]);
        _memTpos = AllocatePositions(Settings.NumMaskmem + 1);
        (_objPtrs, _objPtrTpos) = AllocatePointers(Settings.MaxObjectPointers + 1);

        _encoder = bundle[C.ImageEncoder].CreateRunner([C.Image], [C.VisionFeat, C.VisionFeatNoMem, C.HighResFeat0, C.HighResFeat1]);
        _encoder.BindInput(0, _image);
        _encoder.BindOutput(0, _visionFeat);
        _encoder.BindOutput(1, _visionFeatNoMem);
        _encoder.BindOutput(2, _highRes0);
        _encoder.BindOutput(3, _highRes1);

        _decoder = bundle[C.MaskDecoder].CreateRunner(
            [C.ImageEmbed, C.HighResFeat0, C.HighResFeat1, C.PointCoords, C.PointLabels, C.MaskInput, C.HasMaskInput],
            [C.Masks, C.IouPred, C.ObjPtrRaw, C.ObjectScoreLogits]);
        _decoder.BindInput(1, _highRes0);
        _decoder.BindInput(2, _highRes1);
        _decoder.BindInput(5, _maskInput);
        _decoder.BindInput(6, _hasMaskInput);
        _decoder.BindOutput(0, _masks);
        _decoder.BindOutput(1, _iou);
        _decoder.BindOutput(2, _pointers);
        _decoder.BindOutput(3, _objectScore);

        _memoryEncoder = bundle[C.MemoryEncoder].CreateRunner([C.VisionFeat, C.MaskLogits, C.ObjectScoreLogits, C.Binarize], [C.MaskmemFeatures]);
        _memoryEncoder.BindInput(0, _visionFeat);
        _memoryEncoder.BindInput(1, _memMaskLogits);
        _memoryEncoder.BindInput(2, _memObjectScore);
        _memoryEncoder.BindInput(3, _binarize);
        _memoryEncoder.BindOutput(0, _maskmem);

        _memoryAttention = bundle[C.MemoryAttention].CreateRunner([C.VisionFeat, C.MemFeats, C.MemTposIdx, C.ObjPtrs, C.ObjPtrTpos], [C.PixFeatWithMem]);
        _memoryAttention.BindInput(0, _visionFeat);
        _memoryAttention.BindOutput(0, _pixFeatWithMem);
    }

    /// <summary>Most points one decoder call takes (user points on one frame).</summary>
    public const int MaxPoints = 64;

    public ModelManifest Manifest => _bundle.Manifest;

    public Sam2Settings Settings { get; }

    /// <summary>True for vrs's analytic stand-in bundle (never the real SAM 2); say so wherever a user sees results.</summary>
    public bool IsStandIn => _bundle.Manifest.Standin;

    /// <summary>
    /// Wall time spent inside ONNX Runtime runs since this model was opened (scripts/bench-track subtracts it to get
    /// the host's share; two timestamps per run, no allocation).
    /// </summary>
    public TimeSpan OnnxTime => Stopwatch.GetElapsedTime(0, _onnxTicks);

    /// <summary>Opens and contract-checks a sam2 bundle.</summary>
    /// <exception cref="ModelContractException">The bundle is not a valid sam2 bundle; the message lists every problem.</exception>
    public static Sam2Model Open(string directory, SessionSettings? settings = null)
    {
        ModelBundle bundle = ModelBundle.Open(directory, C.Kind, settings: settings);
        try
        {
            return new Sam2Model(bundle);
        }
        catch
        {
            bundle.Dispose();
            throw;
        }
    }

    internal ReadOnlySpan<float> VisionFeat => _visionFeat.Span;

    /// <summary>Runs the image encoder on a frame already stretched to image_size² rgb24.</summary>
    internal void EncodeImage(ReadOnlySpan<byte> rgb, CancellationToken cancellationToken)
    {
        int pixels = Settings.ImageSize * Settings.ImageSize;
        FrameNormalizer.Normalize(rgb, _image.Span, pixels, Settings.ImageMean, Settings.ImageStd);
        Run(_encoder, cancellationToken);
    }

    /// <summary>Elements of one frame's image-encoder outputs (what <see cref="SaveFeatures"/> copies).</summary>
    internal int FeatureElements => _visionFeat.Span.Length + _visionFeatNoMem.Span.Length + _highRes0.Span.Length + _highRes1.Span.Length;

    /// <summary>Copies the current frame's image-encoder outputs, so a frame prompted early need not be encoded again later.</summary>
    internal void SaveFeatures(Span<float> destination)
    {
        int at = 0;
        foreach (OnnxTensor<float> tensor in (OnnxTensor<float>[])[_visionFeat, _visionFeatNoMem, _highRes0, _highRes1])
        {
            tensor.Span.CopyTo(destination[at..]);
            at += tensor.Span.Length;
        }
    }

    /// <summary>Puts back outputs saved by <see cref="SaveFeatures"/>, as if the encoder had just run on that frame.</summary>
    internal void RestoreFeatures(ReadOnlySpan<float> source)
    {
        int at = 0;
        foreach (OnnxTensor<float> tensor in (OnnxTensor<float>[])[_visionFeat, _visionFeatNoMem, _highRes0, _highRes1])
        {
            source.Slice(at, tensor.Span.Length).CopyTo(tensor.Span);
            at += tensor.Span.Length;
        }
    }

    /// <summary>
    /// Runs the decoder. <paramref name="withMemory"/> picks the image embedding: the memory-attention output (from
    /// the last <see cref="AttendMemory"/>) or vision_feat + no_mem_embed (initial conditioning frame).
    /// Points are already in 1024-space; an empty list sends the single pad point (0, 0, −1).
    /// </summary>
    internal DecoderOutput Decode(bool withMemory, ReadOnlySpan<PointPrompt> points, ReadOnlySpan<float> previousLogits, CancellationToken cancellationToken)
    {
        int n = Math.Max(1, points.Length);
        if (n > MaxPoints)
        {
            throw new ArgumentException($"at most {MaxPoints} points per frame and object.", nameof(points));
        }

        _pointCoords.Reshape(1, n, 2);
        _pointLabels.Reshape(1, n);
        Span<float> coords = _pointCoords.Span;
        Span<float> labels = _pointLabels.Span;
        if (points.IsEmpty)
        {
            coords[0] = 0;
            coords[1] = 0;
            labels[0] = (float)PointLabel.NotAPoint;
        }
        else
        {
            for (int i = 0; i < points.Length; i++)
            {
                coords[2 * i] = points[i].X;
                coords[(2 * i) + 1] = points[i].Y;
                labels[i] = (float)points[i].Label;
            }
        }

        if (previousLogits.IsEmpty)
        {
            _maskInput.Span.Clear();
            _hasMaskInput.Span[0] = 0;
        }
        else
        {
            // Previous logits as the dense prompt, clamped to ±32 (add_new_points_or_box).
            Span<float> mask = _maskInput.Span;
            for (int i = 0; i < mask.Length; i++)
            {
                mask[i] = Math.Clamp(previousLogits[i], -32f, 32f);
            }

            _hasMaskInput.Span[0] = 1;
        }

        _decoder.BindInput(0, withMemory ? _pixFeatWithMem : _visionFeatNoMem);
        _decoder.BindInput(3, _pointCoords);
        _decoder.BindInput(4, _pointLabels);
        Run(_decoder, cancellationToken);
        return new DecoderOutput(_masks.Span, _iou.Span, _pointers.Span, _objectScore.Span[0]);
    }

    /// <summary>Encodes the current frame's memory from chosen low-res logits into <paramref name="memory"/> (stored as fp16; the official stores bf16).</summary>
    internal void EncodeMemory(ReadOnlySpan<float> lowResLogits, float objectScore, bool binarize, Half[] memory, CancellationToken cancellationToken)
    {
        foreach (MemoryFeatureWindow window in _memFeats.Values)
        {
            window.Forget(memory);
        }
        lowResLogits.CopyTo(_memMaskLogits.Span);
        _memObjectScore.Span[0] = objectScore;
        _binarize.Span[0] = binarize ? 1 : 0;
        Run(_memoryEncoder, cancellationToken);
        System.Numerics.Tensors.TensorPrimitives.ConvertToHalf(_maskmem.Span, memory);
    }

    /// <summary>
    /// Runs memory attention on the current frame's features with the given memories and pointers of object
    /// <paramref name="objectId"/>. Each object has its own mem_feats window: objects tracked in one state take turns
    /// frame by frame, and a shared window would be refilled by each in turn.
    /// </summary>
    internal void AttendMemory(
        int objectId,
        IReadOnlyList<Half[]> memories,
        ReadOnlySpan<long> tposIndices,
        IReadOnlyList<float[]> pointers,
        ReadOnlySpan<float> pointerPositions,
        CancellationToken cancellationToken)
    {
        int nm = memories.Count;
        int p = pointers.Count;
        if (nm > _memTpos.Capacity)
        {
            _memTpos.Dispose();
            _memTpos = AllocatePositions(nm * 2);
        }

        if (p * C.HiddenDim > _objPtrs.Capacity)
        {
            _objPtrs.Dispose();
            _objPtrTpos.Dispose();
            (_objPtrs, _objPtrTpos) = AllocatePointers(p * 2);
        }

        _memTpos.Reshape(nm);
        _objPtrs.Reshape(1, p, C.HiddenDim);
        _objPtrTpos.Reshape(p);
        tposIndices.CopyTo(_memTpos.Span);
        Span<float> ptrs = _objPtrs.Span;
        for (int i = 0; i < p; i++)
        {
            pointers[i].CopyTo(ptrs.Slice(i * C.HiddenDim, C.HiddenDim));
        }

        pointerPositions.CopyTo(_objPtrTpos.Span);
        if (!_memFeats.TryGetValue(objectId, out MemoryFeatureWindow? window))
        {
            // Room to slide 4 frames between refills: ~2.8 widenings a frame at 12 MiB per object (16 slots: ~2.5 at 16 MiB).
            window = new MemoryFeatureWindow(Settings.NumMaskmem + 1 + 4);
            _memFeats.Add(objectId, window);
        }

        _memoryAttention.BindInput(1, window.Fill(memories));
        _memoryAttention.BindInput(2, _memTpos);
        _memoryAttention.BindInput(3, _objPtrs);
        _memoryAttention.BindInput(4, _objPtrTpos);
        Run(_memoryAttention, cancellationToken);
    }

    private void Run(SessionRunner runner, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        runner.Run(cancellationToken);
        _onnxTicks += Stopwatch.GetTimestamp() - start;
    }

    private static OnnxTensor<long> AllocatePositions(int count) => OnnxTensor.Allocate<long>([1], capacity: count);

    private static (OnnxTensor<float>, OnnxTensor<float>) AllocatePointers(int count) =>
        (OnnxTensor.Allocate<float>([1, 0, C.HiddenDim], capacity: (long)Math.Max(1, count) * C.HiddenDim),
         OnnxTensor.Allocate<float>([0], capacity: Math.Max(1, count)));

    public void Dispose()
    {
        _encoder.Dispose();
        _decoder.Dispose();
        _memoryEncoder.Dispose();
        _memoryAttention.Dispose();
        foreach (OnnxTensor tensor in new OnnxTensor[]
        {
            _image, _visionFeat, _visionFeatNoMem, _highRes0, _highRes1, _pointCoords, _pointLabels, _maskInput, _hasMaskInput,
            _masks, _iou, _pointers, _objectScore, _memMaskLogits, _memObjectScore, _binarize, _maskmem, _pixFeatWithMem,
            _memTpos, _objPtrs, _objPtrTpos,
        })
        {
            tensor.Dispose();
        }

        foreach (MemoryFeatureWindow window in _memFeats.Values)
        {
            window.Dispose();
        }

        _bundle.Dispose();
    }
}
