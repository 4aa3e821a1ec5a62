using Vrs.Onnx.Native;

namespace Vrs.Onnx;

/// <summary>
/// Outputs ONNX Runtime allocated for one run. Spans from <see cref="GetData{T}(int)"/> point straight into ORT's
/// memory (no copy) and are valid until this result is disposed.
/// </summary>
public sealed unsafe class RunResult : IDisposable
{
    private readonly SafeOrtHandle[] _values;
    private readonly string[] _names;

    internal RunResult(string[] names, SafeOrtHandle[] values)
    {
        _names = names;
        _values = values;
    }

    public int Count => _values.Length;

    public IReadOnlyList<string> Names => _names;

    public int IndexOf(string name)
    {
        int index = Array.IndexOf(_names, name);
        return index >= 0 ? index : throw new KeyNotFoundException($"no output named `{name}` in this result (outputs: {string.Join(", ", _names)}).");
    }

    public TensorElementType GetElementType(int index) => Describe(index).ElementType;

    public long[] GetShape(int index) => Describe(index).Dimensions;

    public long[] GetShape(string name) => GetShape(IndexOf(name));

    public ReadOnlySpan<T> GetData<T>(string name)
        where T : unmanaged => GetData<T>(IndexOf(name));

    /// <summary>The elements of output <paramref name="index"/>, in ORT's memory; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlySpan<T> GetData<T>(int index)
        where T : unmanaged
    {
        (TensorElementType type, long[] dims) = Describe(index);
        if (type != TensorElementTypes.Of<T>())
        {
            throw new InvalidOperationException($"output `{_names[index]}` holds {type.OnnxName()}, not {TensorElementTypes.Of<T>().OnnxName()}.");
        }

        int count = checked((int)OnnxTensor.ElementCountOf(dims));
        using var lease = new HandleLease(_values[index]);
        return new ReadOnlySpan<T>(OrtApi.GetTensorMutableData(lease.Pointer), count);
    }

    public T[] ToArray<T>(string name)
        where T : unmanaged => GetData<T>(name).ToArray();

    private (TensorElementType ElementType, long[] Dimensions) Describe(int index)
    {
        SafeOrtHandle value = _values[index];
        ObjectDisposedException.ThrowIf(value.IsClosed, this);
        using var lease = new HandleLease(value);
        return OrtApi.GetTensorTypeAndShape(lease.Pointer);
    }

    /// <summary>
    /// Takes output <paramref name="name"/> out of this result as a tensor that can be fed to another run without a
    /// copy (a decoder's <c>present</c> cache becomes the next step's <c>past</c>). The caller owns and disposes it; this
    /// result no longer holds it.
    /// </summary>
    public OnnxTensor Detach(string name)
    {
        int index = IndexOf(name);
        SafeOrtHandle value = _values[index];
        ObjectDisposedException.ThrowIf(value.IsClosed, this);
        (TensorElementType type, long[] dims) = Describe(index);
        var owned = new SafeOrtValueHandle(value.DangerousGetHandle(), keepAlive: null, pin: default);
        value.SetHandleAsInvalid(); // ownership moved: only the new handle releases the value
        value.Dispose();
        return new OrtOwnedTensor(type, dims, owned);
    }

    /// <summary>True once every output value has been released.</summary>
    public bool IsDisposed => Array.TrueForAll(_values, v => v.IsClosed);

    public void Dispose()
    {
        foreach (SafeOrtHandle value in _values)
        {
            value.Dispose();
        }
    }
}

/// <summary>A tensor ONNX Runtime allocated (a run's output), kept to be fed as a later run's input.</summary>
internal sealed class OrtOwnedTensor : OnnxTensor
{
    internal OrtOwnedTensor(TensorElementType elementType, long[] shape, SafeOrtValueHandle value)
        : base(elementType, shape, value)
    {
    }
}
