using Vrs.Onnx.Contracts;

namespace Vrs.Segmentation;

/// <summary>Choices the official predictor exposes as constructor flags.</summary>
public sealed record Sam2PredictorOptions
{
    /// <summary>A correction click on a tracked frame makes it a conditioning frame (official default: false).</summary>
    public bool AddAllFramesToCorrectAsConditioning { get; init; }

    /// <summary>Fill small background holes (fill_hole_area from the bundle) in the output logits.</summary>
    public bool FillHoles { get; init; } = true;

    /// <summary>
    /// Keep the image features of frames prompted before propagation until propagation reaches them, so prompts on
    /// several frames cost no extra encoder runs (one frame's features: about 21 MB at SAM 2's sizes).
    /// </summary>
    public bool KeepPromptedFeatures { get; init; }
}

/// <summary>
/// SAM 2's video predictor over a <see cref="Sam2Model"/>, following <c>sam2_video_predictor.py</c> (the
/// Dec-2024 per-object version) step by step: the constructor is <c>init_state</c>;
/// <see cref="AddNewPointsOrBox"/> decodes a prompted frame; <see cref="PropagateInVideo"/> tracks every object
/// forward or backward from a start frame, reusing the stored outputs of prompted frames. Each object has its own
/// <see cref="MemoryBank{TEntry}"/>; the image encoder runs once per frame for all objects. Only one frame's
/// features are cached, and memories no later step can read are evicted, so memory stays flat with video length.
/// </summary>
public sealed class Sam2VideoPredictor
{
    private readonly Sam2Model _model;
    private readonly IFrameProvider _frames;
    private readonly Sam2PredictorOptions _options;
    private readonly Sam2Settings _settings;
    private readonly List<ObjectState> _objects = [];
    private readonly byte[] _rgb;
    private readonly HoleFiller _holeFiller = new();
    private readonly float[] _noObjectPointer;
    private readonly List<FrameOutput> _evicted = [];
    private readonly Stack<Half[]> _freeMemories = new();
    private readonly Dictionary<int, float[]> _promptedFeatures = [];
    private int _cachedFrame = -1;
    private bool _propagated;
    private int _backwardStart = -1;

    public Sam2VideoPredictor(Sam2Model model, IFrameProvider frames, Sam2PredictorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.FrameCount < 1)
        {
            throw new ArgumentException("the video has no frames.", nameof(frames));
        }

        _model = model;
        _frames = frames;
        _options = options ?? new Sam2PredictorOptions();
        _settings = model.Settings;
        _rgb = new byte[_settings.ImageSize * _settings.ImageSize * 3];
        _noObjectPointer = [.. _settings.NoObjectPointer];
    }

    public int FrameCount => _frames.FrameCount;

    public IReadOnlyList<int> ObjectIds => [.. _objects.Select(o => o.Id)];

    /// <summary>How many times the image encoder ran (once per frame visited; tests check the sharing across objects).</summary>
    public int EncodedFrameCount { get; private set; }

    /// <summary>Stored frame outputs over all objects (conditioning + non-conditioning): flat in video length.</summary>
    public int RetainedFrameOutputs => _objects.Sum(o => o.Bank.RetainedCount);

    /// <summary>Stored frame outputs of one object, and its prompted (conditioning) frames.</summary>
    public (int Retained, IReadOnlyList<int> ConditioningFrames) MemoryOf(int objectId)
    {
        ObjectState state = Find(objectId) ?? throw new ArgumentException($"object {objectId} has no prompts.", nameof(objectId));
        return (state.Bank.RetainedCount, [.. state.Bank.Conditioning.Keys]);
    }

    /// <summary>
    /// add_new_points_or_box: prompts object <paramref name="objectId"/> on <paramref name="frame"/> with clicks and/or
    /// a box (video pixel coordinates; the box becomes two points labelled 2 and 3, placed first). On a frame the
    /// object has not been tracked on, this makes an initial conditioning frame (decoded on vision_feat + no_mem_embed);
    /// on a tracked frame it is a correction decoded with memory attention. Returns this frame's outputs of every
    /// object that has one.
    /// </summary>
    public Sam2FrameResult AddNewPointsOrBox(
        int frame,
        int objectId,
        IReadOnlyList<PointPrompt>? points = null,
        BoxPrompt? box = null,
        bool clearOldPoints = true,
        CancellationToken cancellationToken = default)
    {
        CheckFrame(frame);
        points ??= [];
        if (points.Count == 0 && box is null)
        {
            throw new ArgumentException("give at least one point or a box.", nameof(points));
        }

        if (box is not null && !clearOldPoints)
        {
            throw new ArgumentException("a box must come before any point, so it needs clearOldPoints = true.", nameof(box));
        }

        var scaled = new List<PointPrompt>(points.Count + 2);
        if (box is { } b)
        {
            (PointPrompt topLeft, PointPrompt bottomRight) = b.AsCornerPoints();
            scaled.Add(ToModelSpace(topLeft));
            scaled.Add(ToModelSpace(bottomRight));
        }

        foreach (PointPrompt point in points)
        {
            if (point.Label is not (PointLabel.Positive or PointLabel.Negative or PointLabel.BoxTopLeft or PointLabel.BoxBottomRight))
            {
                throw new ArgumentException($"point label {(int)point.Label} is not one of 0, 1, 2, 3.", nameof(points));
            }

            scaled.Add(ToModelSpace(point));
        }

        ObjectState state = Find(objectId) ?? AddObject(objectId);
        if (!clearOldPoints && state.Points.TryGetValue(frame, out List<PointPrompt>? old))
        {
            scaled.InsertRange(0, old);
        }

        if (scaled.Count > Sam2Model.MaxPoints)
        {
            throw new ArgumentException($"at most {Sam2Model.MaxPoints} points on one frame for one object.", nameof(points));
        }

        state.Points[frame] = scaled;
        MemoryBank<FrameOutput> bank = state.Bank;
        bool initialConditioning = !bank.IsTracked(frame);
        bool reverse = !initialConditioning && bank.WasTrackedInReverse(frame);
        bool conditioning = initialConditioning || _options.AddAllFramesToCorrectAsConditioning;
        float[]? previous = bank.Get(frame)?.LowResLogits;

        EnsureFeatures(frame, cancellationToken, prompting: true);
        // Prompted outputs are encoded into memory as the preflight does: from the hole-filled logits, binarized.
        FrameOutput output = TrackStep(state, frame, initialConditioning, reverse, [.. scaled], previous, promptedFrame: true, cancellationToken);
        if (conditioning)
        {
            bank.SetConditioning(frame, output);
        }
        else
        {
            bank.SetNonConditioning(frame, output);
        }

        return ResultAt(frame);
    }

    /// <summary>
    /// propagate_in_video: tracks every object from <paramref name="startFrame"/> (default: the earliest prompted
    /// frame over all objects) to the end, or to frame 0 when <paramref name="reverse"/>; at most
    /// <paramref name="maxFrameCount"/> frames after the start. Prompted frames of an object reuse their stored
    /// output; every other frame runs memory attention, the decoder and the memory encoder. Reverse from frame 0
    /// yields nothing, as upstream.
    /// </summary>
    public IEnumerable<Sam2FrameResult> PropagateInVideo(int? startFrame = null, bool reverse = false, int? maxFrameCount = null, CancellationToken cancellationToken = default)
    {
        int start = Preflight(startFrame);
        int limit = maxFrameCount ?? FrameCount;
        return Pass(start, reverse, limit, includeStart: true, cancellationToken);
    }

    /// <summary>
    /// The referring-VOS recipe: forward from the earliest prompted frame to the end, then backward from it to frame 0
    /// on the same state (the backward pass reads the forward outputs near the start, as upstream). Each frame is
    /// yielded once.
    /// </summary>
    public IEnumerable<Sam2FrameResult> PropagateBothWays(CancellationToken cancellationToken = default)
    {
        int start = Preflight(null);
        _backwardStart = start; // its saved features serve the backward pass too
        return Pass(start, false, FrameCount, includeStart: true, cancellationToken)
            .Concat(Pass(start, true, FrameCount, includeStart: false, cancellationToken));
    }

    /// <summary>
    /// remove_object: forgets one object, its prompts and memory (objects are tracked independently, so the others are
    /// unaffected). Unknown ids are ignored.
    /// </summary>
    public void RemoveObject(int objectId) => _objects.RemoveAll(o => o.Id == objectId);

    /// <summary>reset_state: forgets every object, prompt and memory.</summary>
    public void ResetState()
    {
        _objects.Clear();
        _promptedFeatures.Clear();
        _propagated = false;
        _backwardStart = -1;
        _cachedFrame = -1;
    }

    private int Preflight(int? startFrame)
    {
        _propagated = true;
        if (_objects.Count == 0)
        {
            throw new InvalidOperationException("no object has prompts; add points or a box first.");
        }

        if (startFrame is { } s)
        {
            CheckFrame(s);
            return s;
        }

        return _objects.Where(o => o.Bank.Conditioning.Count > 0).SelectMany(o => o.Bank.Conditioning.Keys).DefaultIfEmpty(0).Min();
    }

    private IEnumerable<Sam2FrameResult> Pass(int start, bool reverse, int limit, bool includeStart, CancellationToken cancellationToken)
    {
        if (reverse && start == 0)
        {
            yield break;
        }

        int end = reverse ? Math.Max(start - limit, 0) : Math.Min(start + limit, FrameCount - 1);
        int step = reverse ? -1 : 1;
        for (int t = start; reverse ? t >= end : t <= end; t += step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var objects = new List<Sam2ObjectResult>(_objects.Count);
            foreach (ObjectState state in _objects)
            {
                MemoryBank<FrameOutput> bank = state.Bank;
                FrameOutput? output = bank.IsConditioning(t) ? bank.Conditioning[t] : null;
                if (output is null)
                {
                    EnsureFeatures(t, cancellationToken, reverse: reverse);
                    output = TrackStep(state, t, initialConditioning: false, reverse, [], null, promptedFrame: false, cancellationToken);
                    bank.SetNonConditioning(t, output);
                }

                bank.MarkTracked(t, reverse);
                Recycle(bank, t, reverse);
                objects.Add(output.ToResult(state.Id));
            }

            if (t != start || includeStart)
            {
                yield return new Sam2FrameResult(t, objects);
            }
        }
    }

    /// <summary>
    /// track_step for one object on one frame: memory-conditioned features (or no_mem_embed on an initial
    /// conditioning frame), decoder, candidate choice, the object-score gate, memory encoding and hole filling.
    /// </summary>
    private FrameOutput TrackStep(
        ObjectState state,
        int frame,
        bool initialConditioning,
        bool reverse,
        PointPrompt[] points,
        float[]? previousLogits,
        bool promptedFrame,
        CancellationToken cancellationToken)
    {
        if (!initialConditioning)
        {
            AttendMemory(state.Id, state.Bank, frame, reverse, cancellationToken);
        }

        DecoderOutput decoded = _model.Decode(!initialConditioning, points, previousLogits, cancellationToken);
        CandidateChoice choice = MaskCandidateSelector.Choose(decoded.Mask(0), decoded.Iou, points.Length, _settings);
        float score = decoded.ObjectScore;
        bool present = score > 0;
        var logits = new float[Sam2Model.LowResPixels];
        if (present)
        {
            decoded.Mask(choice.MaskToken).CopyTo(logits);
        }
        else
        {
            Array.Fill(logits, _settings.NoObjectScore);
        }

        float iou = decoded.Iou[choice.MaskToken];
        float[] pointer = present ? decoded.Pointer(choice.PointerToken).ToArray() : _noObjectPointer;
        // Memory buffers (512 KiB each) are never handed out, so evicted ones are reused; logits are, so they are not.
        Half[] memory = _freeMemories.Count > 0 ? _freeMemories.Pop() : new Half[Sam2Model.MemoryElements];
        int holeArea = _options.FillHoles ? _settings.FillHoleArea : 0;
        if (promptedFrame)
        {
            // Preflight encodes prompted frames from their stored (hole-filled) logits, binarized.
            _holeFiller.Fill(logits, Sam2Contract.LowResMaskSize, Sam2Contract.LowResMaskSize, holeArea);
            _model.EncodeMemory(logits, score, binarize: true, memory, cancellationToken);
        }
        else
        {
            // Tracked frames: memory from the unfilled mask through a sigmoid; the output is then hole-filled.
            _model.EncodeMemory(logits, score, binarize: false, memory, cancellationToken);
            _holeFiller.Fill(logits, Sam2Contract.LowResMaskSize, Sam2Contract.LowResMaskSize, holeArea);
        }

        return new FrameOutput(memory, logits, pointer, score, iou);
    }

    private void AttendMemory(int objectId, MemoryBank<FrameOutput> bank, int frame, bool reverse, CancellationToken cancellationToken)
    {
        if (bank.Conditioning.Count == 0)
        {
            throw new InvalidOperationException($"frame {frame}: the object has no prompted frame to track from.");
        }

        MemorySchedule schedule = bank.Schedule(frame, reverse);
        var memories = new Half[schedule.Spatial.Count][];
        var tpos = new long[schedule.Spatial.Count];
        for (int i = 0; i < schedule.Spatial.Count; i++)
        {
            SpatialMemoryRef reference = schedule.Spatial[i];
            memories[i] = bank.Get(reference.Frame)!.Memory;
            tpos[i] = reference.TposIndex;
        }

        var pointers = new float[schedule.Pointers.Count][];
        var positions = new float[schedule.Pointers.Count];
        for (int i = 0; i < schedule.Pointers.Count; i++)
        {
            PointerRef reference = schedule.Pointers[i];
            pointers[i] = bank.Get(reference.Frame)!.Pointer;
            positions[i] = (float)reference.Distance / schedule.DistanceNormalizer;
        }

        _model.AttendMemory(objectId, memories, tpos, pointers, positions, cancellationToken);
    }

    private void Recycle(MemoryBank<FrameOutput> bank, int frame, bool reverse)
    {
        _evicted.Clear();
        bank.Evict(frame, reverse, _evicted);
        foreach (FrameOutput output in _evicted)
        {
            _freeMemories.Push(output.Memory);
        }
    }

    private void EnsureFeatures(int frame, CancellationToken cancellationToken, bool prompting = false, bool reverse = false)
    {
        if (_cachedFrame != frame)
        {
            if (_promptedFeatures.TryGetValue(frame, out float[]? saved))
            {
                _model.RestoreFeatures(saved);
            }
            else
            {
                _frames.ReadModelFrame(frame, _settings.ImageSize, _rgb);
                _model.EncodeImage(_rgb, cancellationToken);
                EncodedFrameCount++;
                if (prompting && _options.KeepPromptedFeatures && !_propagated)
                {
                    var copy = new float[_model.FeatureElements];
                    _model.SaveFeatures(copy);
                    _promptedFeatures[frame] = copy;
                }
            }

            _cachedFrame = frame;
        }

        // Propagation visits a frame once per pass, so its saved features go once visited, except the start frame's on
        // the forward pass: the backward pass starts there again.
        if (!prompting && !(frame == _backwardStart && !reverse))
        {
            _promptedFeatures.Remove(frame);
        }
    }

    private Sam2FrameResult ResultAt(int frame)
    {
        var objects = new List<Sam2ObjectResult>();
        foreach (ObjectState state in _objects)
        {
            if (state.Bank.Get(frame) is { } output)
            {
                objects.Add(output.ToResult(state.Id));
            }
        }

        return new Sam2FrameResult(frame, objects);
    }

    private PointPrompt ToModelSpace(PointPrompt point)
    {
        if (!float.IsFinite(point.X) || !float.IsFinite(point.Y) || point.X < 0 || point.Y < 0 || point.X > _frames.Width || point.Y > _frames.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(point), $"point ({point.X}, {point.Y}) is outside the {_frames.Width}x{_frames.Height} frame.");
        }

        int size = _settings.ImageSize;
        return point with { X = point.X / _frames.Width * size, Y = point.Y / _frames.Height * size };
    }

    private void CheckFrame(int frame)
    {
        if (frame < 0 || frame >= FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame {frame} does not exist; the video has frames 0 to {FrameCount - 1}.");
        }
    }

    private ObjectState? Find(int objectId) => _objects.Find(o => o.Id == objectId);

    private ObjectState AddObject(int objectId)
    {
        var state = new ObjectState(objectId, new MemoryBank<FrameOutput>(FrameCount, _settings.NumMaskmem, _settings.MaxObjectPointers));
        _objects.Add(state);
        return state;
    }

    /// <summary>What the predictor stores per object and frame (the official compact output).</summary>
    private sealed record FrameOutput(Half[] Memory, float[] LowResLogits, float[] Pointer, float ObjectScore, float Iou)
    {
        public Sam2ObjectResult ToResult(int objectId) => new(objectId, LowResLogits, ObjectScore, Iou);
    }

    private sealed class ObjectState(int id, MemoryBank<FrameOutput> bank)
    {
        public int Id { get; } = id;

        public MemoryBank<FrameOutput> Bank { get; } = bank;

        /// <summary>User points per prompted frame, in 1024-space (for clearOldPoints = false).</summary>
        public Dictionary<int, List<PointPrompt>> Points { get; } = [];
    }
}
