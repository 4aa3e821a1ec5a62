using System.Numerics.Tensors;
using Vrs.Onnx;
using C = Vrs.Onnx.Contracts.Sam2Contract;

namespace Vrs.Segmentation;

/// <summary>
/// memory_attention's <c>mem_feats</c> input [1, Nm, 64, 64, 64] as a window over a float32 buffer that remembers
/// which fp16 memory each slot holds. The schedule asks for [prompted frames, t∓6 … t∓1] on every frame, so from one
/// frame to the next the recent memories reappear one slot further up: the window moves down one slot and only the
/// prompt's slot and the newest memory are widened again. When it cannot move further it is refilled at the other
/// end, the side it has room to move away from (the order is the schedule's, but a window that has been moving up,
/// for another order, is refilled at the bottom). The tensor holds the same floats in the same order as a fresh copy
/// would; only its address moves.
/// </summary>
internal sealed class MemoryFeatureWindow : IDisposable
{
    private const int MemoryElements = C.MemDim * C.FeatureSize * C.FeatureSize;

    private readonly Dictionary<(int Start, int Count), OnnxTensor<float>> _views = [];
    private float[] _buffer = [];
    private Half[]?[] _slots = [];
    private int _last = -1;
    private bool _movingUp;

    public MemoryFeatureWindow(int slots)
    {
        Allocate(slots);
    }

    /// <summary>Slots the buffer holds (twice the usual window, so it moves down several frames between refills).</summary>
    public int Capacity => _slots.Length;

    /// <summary>Memories widened to float32 so far (tests and benchmarks check how many a frame costs).</summary>
    public long Widenings { get; private set; }

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
                Widenings++;
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

    /// <summary>
    /// The last window, or one slot below or above it, whichever already holds most (at least half) of the memories;
    /// else a refill at the end the window has room to move away from.
    /// </summary>
    private int ChooseStart(IReadOnlyList<Half[]> memories)
    {
        int count = memories.Count;
        int best = -1;
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

        if (2 * bestMatches < count)
        {
            // Stuck at an end (or lost the sequence): refill where the window can move in its direction again.
            return _movingUp ? _slots.Length - count : 0;
        }

        if (best != _last)
        {
            _movingUp = best < _last;
        }

        return best;
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
        _movingUp = false;
    }
}
