using System.Collections;

namespace Vrs.Segmentation;

/// <summary>One spatial memory that feeds memory attention at a frame: whose it is and its temporal slot.</summary>
/// <param name="Frame">The frame whose memory is read.</param>
/// <param name="TposIndex">Row of <c>maskmem_tpos_enc</c>: num_maskmem − 1 for a conditioning frame, t_rel − 1 for a recent one.</param>
/// <param name="IsConditioning">True for a prompted (conditioning) frame.</param>
public readonly record struct SpatialMemoryRef(int Frame, int TposIndex, bool IsConditioning);

/// <summary>One object pointer that feeds memory attention at a frame, and its temporal distance.</summary>
/// <param name="Frame">The frame whose pointer is read.</param>
/// <param name="Distance">Signed distance in the processing direction (≥ 0 for every pointer the official rule admits).</param>
public readonly record struct PointerRef(int Frame, int Distance);

/// <summary>What memory attention reads at one frame: spatial memories first, then pointers (official order).</summary>
/// <param name="DistanceNormalizer">t_diff_max = min(num_frames, max_obj_ptrs) − 1; pointer positions are Distance / this.</param>
public sealed record MemorySchedule(IReadOnlyList<SpatialMemoryRef> Spatial, IReadOnlyList<PointerRef> Pointers, int DistanceNormalizer);

/// <summary>
/// The per-object memory bank of the SAM 2 video predictor, without any tensors in its logic: which frames are
/// conditioning (prompted) and which non-conditioning (tracked), which were tracked in which direction, which
/// memories feed attention at frame t (<see cref="Schedule"/>, the rule of <c>_prepare_memory_conditioned_features</c>
/// with max_cond_frames_in_attn = −1 and memory stride 1), and which stored entries can never be read again
/// (<see cref="Evict"/>). The entries themselves (<typeparamref name="TEntry"/>) are opaque here.
/// </summary>
public sealed class MemoryBank<TEntry>
    where TEntry : class
{
    private readonly SortedDictionary<int, TEntry> _conditioning = [];
    private readonly Dictionary<int, TEntry> _nonConditioning = [];
    private readonly BitArray _tracked;
    private readonly BitArray _trackedInReverse;

    public MemoryBank(int frameCount, int numMaskmem = 7, int maxObjectPointers = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frameCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(numMaskmem, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxObjectPointers, 1);
        FrameCount = frameCount;
        NumMaskmem = numMaskmem;
        MaxObjectPointers = maxObjectPointers;
        _tracked = new BitArray(frameCount);
        _trackedInReverse = new BitArray(frameCount);
    }

    public int FrameCount { get; }

    /// <summary>num_maskmem: 1 slot for conditioning frames + (num_maskmem − 1) recent frames.</summary>
    public int NumMaskmem { get; }

    public int MaxObjectPointers { get; }

    /// <summary>
    /// How far back (in the processing direction) any frame reads a non-conditioning entry: the larger of the
    /// recent-frame window (num_maskmem − 1) and the pointer window (min(N, max_obj_ptrs) − 1).
    /// </summary>
    public int ReadWindow => Math.Max(NumMaskmem - 1, Math.Min(FrameCount, MaxObjectPointers) - 1);

    public IReadOnlyDictionary<int, TEntry> Conditioning => _conditioning;

    public IReadOnlyDictionary<int, TEntry> NonConditioning => _nonConditioning;

    /// <summary>Entries held (conditioning + non-conditioning): what stays flat as videos get longer.</summary>
    public int RetainedCount => _conditioning.Count + _nonConditioning.Count;

    /// <summary>Stores a prompted frame's output; a non-conditioning entry on that frame is dropped (preflight rule).</summary>
    public void SetConditioning(int frame, TEntry entry)
    {
        CheckFrame(frame);
        _conditioning[frame] = entry;
        _nonConditioning.Remove(frame);
    }

    public void SetNonConditioning(int frame, TEntry entry)
    {
        CheckFrame(frame);
        _nonConditioning[frame] = entry;
    }

    /// <summary>The stored output of a frame, conditioning first.</summary>
    public TEntry? Get(int frame) =>
        _conditioning.TryGetValue(frame, out TEntry? entry) ? entry : _nonConditioning.GetValueOrDefault(frame);

    public bool IsConditioning(int frame) => _conditioning.ContainsKey(frame);

    public void MarkTracked(int frame, bool reverse)
    {
        CheckFrame(frame);
        _tracked[frame] = true;
        _trackedInReverse[frame] = reverse;
    }

    /// <summary>Whether propagation has visited this frame (a prompt there is then a correction, not an initial conditioning frame).</summary>
    public bool IsTracked(int frame) => frame >= 0 && frame < FrameCount && _tracked[frame];

    /// <summary>The direction the frame was tracked in (a correction reuses it).</summary>
    public bool WasTrackedInReverse(int frame) => IsTracked(frame) && _trackedInReverse[frame];

    /// <summary>
    /// The memories attention reads at frame <paramref name="frame"/> when tracking in the given direction
    /// (official SAM 2.1 rules, §3.4 of the design note):
    /// every conditioning frame as a spatial memory in slot num_maskmem − 1; the frames t∓1 … t∓(num_maskmem − 1)
    /// in slots t_rel − 1 when stored (missing ones skipped); pointers of the conditioning frames at or behind t in
    /// the processing direction at distance (t − c)·D; then non-conditioning frames t∓k for k = 1 … min(N, max) − 1,
    /// stopping at the video boundary, at distance k.
    /// </summary>
    public MemorySchedule Schedule(int frame, bool reverse)
    {
        CheckFrame(frame);
        int direction = reverse ? -1 : 1;
        var spatial = new List<SpatialMemoryRef>(_conditioning.Count + NumMaskmem - 1);
        foreach (int c in _conditioning.Keys)
        {
            spatial.Add(new SpatialMemoryRef(c, NumMaskmem - 1, true));
        }

        // t_pos = 1 … num_maskmem − 1 ⇒ t_rel = num_maskmem − t_pos: the earliest first, the latest last.
        for (int tPos = 1; tPos < NumMaskmem; tPos++)
        {
            int tRel = NumMaskmem - tPos;
            int previous = frame - (direction * tRel);
            if (_nonConditioning.ContainsKey(previous))
            {
                spatial.Add(new SpatialMemoryRef(previous, tRel - 1, false));
            }
        }

        int maxPointers = Math.Min(FrameCount, MaxObjectPointers);
        var pointers = new List<PointerRef>(_conditioning.Count + maxPointers);
        foreach (int c in _conditioning.Keys)
        {
            if (reverse ? c >= frame : c <= frame)
            {
                pointers.Add(new PointerRef(c, (frame - c) * direction));
            }
        }

        for (int k = 1; k < maxPointers; k++)
        {
            int t = frame - (direction * k);
            if (t < 0 || t >= FrameCount)
            {
                break;
            }

            if (_nonConditioning.ContainsKey(t))
            {
                pointers.Add(new PointerRef(t, k));
            }
        }

        return new MemorySchedule(spatial, pointers, Math.Max(1, maxPointers - 1));
    }

    /// <summary>
    /// Drops non-conditioning entries no later read can reach, after frame <paramref name="frame"/> was processed
    /// in the given direction. Kept: the current pass's window (the last <see cref="ReadWindow"/> frames behind
    /// the next frame), and the <see cref="ReadWindow"/> frames on each side of every conditioning frame — the
    /// frames a pass starting from a prompted frame in the other direction reads first (the forward-then-backward
    /// recipe, §3.9). Everything else can be recomputed only by propagating again. Returns how many were dropped;
    /// the dropped entries are added to <paramref name="evicted"/> when given (for reuse of their buffers).
    /// </summary>
    public int Evict(int frame, bool reverse, List<TEntry>? evicted = null)
    {
        int window = ReadWindow;
        List<int>? drop = null;
        foreach (int f in _nonConditioning.Keys)
        {
            int behind = reverse ? f - frame : frame - f; // ≥ 0 when f is behind the current frame
            if (behind >= 0 && behind < window)
            {
                continue;
            }

            if (NearConditioning(f, window))
            {
                continue;
            }

            (drop ??= []).Add(f);
        }

        if (drop is null)
        {
            return 0;
        }

        foreach (int f in drop)
        {
            if (evicted is not null)
            {
                evicted.Add(_nonConditioning[f]);
            }

            _nonConditioning.Remove(f);
        }

        return drop.Count;
    }

    private bool NearConditioning(int f, int window)
    {
        foreach (int c in _conditioning.Keys)
        {
            if (Math.Abs(f - c) <= window)
            {
                return true;
            }
        }

        return false;
    }

    private void CheckFrame(int frame)
    {
        if (frame < 0 || frame >= FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"frame must be in [0, {FrameCount - 1}]");
        }
    }
}
