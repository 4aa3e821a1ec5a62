using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Vrs.Onnx.Native;

namespace Vrs.Onnx;

/// <summary>
/// A tensor ONNX Runtime reads and writes in place: managed memory pinned for the tensor's life, wrapped once in
/// an <c>OrtValue</c> (no copy). Use it as a run input, or as a preallocated output a <see cref="SessionRunner"/>
/// writes into. Reuse it across runs; <see cref="OnnxTensor{T}.Reshape"/> changes the shape within its capacity.
/// Not for concurrent runs that write it.
/// </summary>
public abstract class OnnxTensor : IDisposable
{
    private long[] _shape;
    private SafeOrtValueHandle _value;

    private protected OnnxTensor(TensorElementType elementType, long[] shape, SafeOrtValueHandle value)
    {
        ElementType = elementType;
        _shape = shape;
        _value = value;
    }

    public TensorElementType ElementType { get; }

    public ReadOnlySpan<long> Shape => _shape;

    public long ElementCount => ElementCountOf(_shape);

    public bool IsDisposed => _value.IsClosed;

    internal SafeOrtValueHandle Value
    {
        get
        {
            ObjectDisposedException.ThrowIf(_value.IsClosed, this);
            return _value;
        }
    }

    /// <summary>A tensor over new pinned memory (zeroed), with room for <paramref name="capacity"/> elements (default: the shape's).</summary>
    public static OnnxTensor<T> Allocate<T>(ReadOnlySpan<long> shape, long capacity = -1)
        where T : unmanaged
    {
        long count = ElementCountOf(shape);
        long size = Math.Max(capacity, count);
        T[] storage = GC.AllocateArray<T>(checked((int)size), pinned: true);
        return new OnnxTensor<T>(storage, storage, default, shape);
    }

    /// <summary>A tensor over the caller's memory, pinned (not copied) until the tensor is disposed.</summary>
    public static OnnxTensor<T> Wrap<T>(Memory<T> memory, ReadOnlySpan<long> shape)
        where T : unmanaged
    {
        _ = TensorElementTypes.Of<T>(); // before pinning: an unsupported T must not leak the pin
        if (ElementCountOf(shape) > memory.Length)
        {
            throw new ArgumentException($"shape {FormatShape(shape)} needs {ElementCountOf(shape)} elements but the memory holds {memory.Length}.", nameof(shape));
        }

        return new OnnxTensor<T>(memory, null, memory.Pin(), shape);
    }

    /// <summary>A tensor over <paramref name="data"/> (pinned, not copied).</summary>
    public static OnnxTensor<T> FromArray<T>(T[] data, params ReadOnlySpan<long> shape)
        where T : unmanaged => Wrap(data.AsMemory(), shape);

    private protected void ReplaceValue(long[] shape, SafeOrtValueHandle value)
    {
        SafeOrtValueHandle old = _value;
        _shape = shape;
        _value = value;
        old.Dispose();
    }

    internal static long ElementCountOf(ReadOnlySpan<long> shape)
    {
        long count = 1;
        foreach (long dimension in shape)
        {
            if (dimension < 0)
            {
                throw new ArgumentException($"shape {FormatShape(shape)} has a negative dimension; tensors need concrete shapes.", nameof(shape));
            }

            count = checked(count * dimension);
        }

        return count;
    }

    internal static string FormatShape(ReadOnlySpan<long> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _value.Dispose();
        }
    }
}

/// <summary>A tensor of <typeparamref name="T"/> (float, Half, long, int, byte, bool, …) over pinned managed memory.</summary>
public sealed unsafe class OnnxTensor<T> : OnnxTensor
    where T : unmanaged
{
    private readonly Memory<T> _memory;

    internal OnnxTensor(Memory<T> memory, object? keepAlive, MemoryHandle pin, ReadOnlySpan<long> shape)
        : base(TensorElementTypes.Of<T>(), shape.ToArray(), CreateValue(memory, keepAlive, pin, shape))
    {
        _memory = memory;
    }

    /// <summary>How many elements the memory holds (the most any shape can use).</summary>
    public int Capacity => _memory.Length;

    /// <summary>The tensor's elements (as many as the shape has), read and written in place.</summary>
    public Span<T> Span
    {
        get
        {
            _ = Value;
            return _memory.Span[..(int)ElementCount];
        }
    }

    /// <summary>Changes the shape, keeping the memory; only allocates when the shape actually changes.</summary>
    public void Reshape(params ReadOnlySpan<long> shape)
    {
        _ = Value;
        if (shape.SequenceEqual(Shape))
        {
            return;
        }

        if (ElementCountOf(shape) > _memory.Length)
        {
            throw new ArgumentException($"shape {FormatShape(shape)} needs {ElementCountOf(shape)} elements; this tensor holds {_memory.Length}.", nameof(shape));
        }

        // The new value pins the memory again; the old one unpins when ORT releases it.
        ReplaceValue(shape.ToArray(), CreateValue(_memory, _memory, _memory.Pin(), shape));
    }

    private static SafeOrtValueHandle CreateValue(Memory<T> memory, object? keepAlive, MemoryHandle pin, ReadOnlySpan<long> shape)
    {
        try
        {
            long count = ElementCountOf(shape);
            // A pinned-heap array needs no MemoryHandle; Pin() on it just returns its address, so take it here.
            void* data = pin.Pointer;
            if (data == null)
            {
                data = Unsafe.AsPointer(ref MemoryMarshal.GetReference(memory.Span));
            }

            nint value = OrtApi.CreateTensorWithDataAsOrtValue(
                OnnxRuntime.CpuMemoryInfo, data, (nuint)(count * sizeof(T)), shape, TensorElementTypes.Of<T>());
            return new SafeOrtValueHandle(value, keepAlive ?? memory, pin);
        }
        catch
        {
            pin.Dispose();
            throw;
        }
    }
}
