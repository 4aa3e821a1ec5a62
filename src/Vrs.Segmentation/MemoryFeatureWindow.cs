using System.Numerics.Tensors;
using Vrs.Onnx;
using C = Vrs.Onnx.Contracts.Sam2Contract;

namespace Vrs.Segmentation;

/// <summary>
/// memory_attention's <c>mem_feats</c> input [1, Nm, 64, 64, 64] as a window over a float32 buffer that remembers
/// which fp16 memory each slot holds. Tracking asks for [t∓1 … t∓6, prompted frames] on every frame, so from one
/// frame to the next the same memories reappear one slot further on: the window moves down one slot and only the
/// newest memory and the last slot are widened again, with a full refill from the top when it reaches the bottom
/// (about 2.7 widenings per frame instead of 7, with twice the usual buffer). The tensor holds the same floats in
/// the same order as a fresh copy would; only its address moves.
/// </summary>
internal sealed class MemoryFeatureWindow : IDisposable
{
    private const int MemoryElements = C.MemDim * C.FeatureSize * C.FeatureSize;

    private readonly Dictionary<(int Start, int Count), OnnxTensor<float>> _views = [];
    private float[] _buffer = [];
    private Half[]?[] _slots = [];
    private int _last = -1;

    public MemoryFeatureWindow(int slots)
    {
        Allocate(slots);
    }

    /// <summary>Slots the buffer holds (twice the usual window, so it moves down several frames between refills).</summary>
    public int Capacity => _slots.Length;

    /// <summary>The input tensor holding <paramref name="memories"/> widened to float32, in order.</summary>
    public OnnxTensor<float> Fill(IReadOnlyList<Half[]> memories)
    {
        int count = memories.Count;
        if (count > _slots.Length)
        {
            Allocate(2 * count);
        }

        int start = ChooseStart(memories);
        for (int i = 0; i < count; i++)
        {
            if (!ReferenceEquals(_slots[start + i], memories[i]))
            {
                TensorPrimitives.ConvertToSingle(memories[i], _buffer.AsSpan((start + i) * MemoryElements, MemoryElements));
                _slots[start + i] = memories[i];
            }
        }

        _last = start;
        return View(start, count);
    }

    /// <summary>Call before <paramref name="memory"/>'s contents change: no slot may keep its old widened copy.</summary>
    public void Forget(Half[] memory)
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            if (ReferenceEquals(_slots[i], memory))
            {
                _slots[i] = null;
            }
        }
    }

    public void Dispose()
    {
        foreach (OnnxTensor<float> view in _views.Values)
        {
            view.Dispose();
        }

        _views.Clear();
    }

    /// <summary>The last window, or one slot below or above it, whichever already holds most (at least half) of the memories; else the top.</summary>
    private int ChooseStart(IReadOnlyList<Half[]> memories)
    {
        int count = memories.Count;
        int best = _slots.Length - count;
        int bestMatches = 0;
        if (_last >= 0)
        {
            foreach (int start in (ReadOnlySpan<int>)[_last - 1, _last, _last + 1])
            {
                if (start < 0 || start > _slots.Length - count)
                {
                    continue;
                }

                int matches = 0;
                for (int i = 0; i < count; i++)
                {
                    matches += ReferenceEquals(_slots[start + i], memories[i]) ? 1 : 0;
                }

                if (matches > bestMatches)
                {
                    best = start;
                    bestMatches = matches;
                }
            }
        }

        // Stuck at the bottom (or lost the sequence): refill from the top, which leaves room to slide down again.
        return 2 * bestMatches >= count ? best : _slots.Length - count;
    }

    private OnnxTensor<float> View(int start, int count)
    {
        if (!_views.TryGetValue((start, count), out OnnxTensor<float>? view))
        {
            view = OnnxTensor.Wrap(
                _buffer.AsMemory(start * MemoryElements, count * MemoryElements),
                [1, count, C.MemDim, C.FeatureSize, C.FeatureSize]);
            _views.Add((start, count), view);
        }

        return view;
    }

    private void Allocate(int slots)
    {
        Dispose();
        _buffer = GC.AllocateArray<float>(checked(slots * MemoryElements), pinned: true);
        _slots = new Half[]?[slots];
        _last = -1;
    }
}
