using System.Runtime.InteropServices;
using Vrs.Onnx.Native;

namespace Vrs.Onnx;

/// <summary>
/// A prepared run over fixed input and output names with tensors bound once: <see cref="Run"/> then calls
/// ONNX Runtime with no managed allocation (names and pointer arrays live in native memory made up front;
/// outputs are written into the caller's preallocated tensors). One runner per thread: it owns its run options
/// (the cancel flag) and its bindings. Several runners may run on one session at once.
/// </summary>
public sealed unsafe class SessionRunner : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly OnnxTensor?[] _inputs;
    private readonly OnnxTensor?[] _outputs;
    private readonly SafeOrtHandle _runOptions;
    private readonly byte** _inputNamePointers;
    private readonly byte** _outputNamePointers;
    private readonly nint* _inputValues;
    private readonly nint* _outputValues;
    private int _state; // 0 idle, 1 running, 2 disposed

    internal SessionRunner(InferenceSession session, string[] inputNames, string[] outputNames)
    {
        _session = session;
        _inputNames = inputNames;
        _outputNames = outputNames;
        _inputs = new OnnxTensor?[inputNames.Length];
        _outputs = new OnnxTensor?[outputNames.Length];
        _runOptions = OrtApi.CreateRunOptions();
        _inputNamePointers = AllocateNames(inputNames);
        _outputNamePointers = AllocateNames(outputNames);
        _inputValues = (nint*)NativeMemory.AllocZeroed((nuint)Math.Max(1, inputNames.Length), (nuint)sizeof(nint));
        _outputValues = (nint*)NativeMemory.AllocZeroed((nuint)Math.Max(1, outputNames.Length), (nuint)sizeof(nint));
    }

    public IReadOnlyList<string> InputNames => _inputNames;

    public IReadOnlyList<string> OutputNames => _outputNames;

    public void BindInput(string name, OnnxTensor tensor) => _inputs[IndexOf(_inputNames, name, "input")] = tensor;

    public void BindInput(int index, OnnxTensor tensor) => _inputs[index] = tensor;

    /// <summary>Binds a preallocated tensor ORT writes output <paramref name="name"/> into (its shape must be the output's).</summary>
    public void BindOutput(string name, OnnxTensor tensor) => _outputs[IndexOf(_outputNames, name, "output")] = tensor;

    public void BindOutput(int index, OnnxTensor tensor) => _outputs[index] = tensor;

    /// <summary>Runs the session on the bound tensors; the outputs are in the bound output tensors afterwards.</summary>
    public void Run(CancellationToken cancellationToken = default) => RunCore(allocateOutputs: false, cancellationToken);

    /// <summary>Runs with ORT allocating every output (bound output tensors are ignored).</summary>
    internal RunResult RunAllocatingOutputs(CancellationToken cancellationToken)
    {
        RunCore(allocateOutputs: true, cancellationToken);
        var values = new SafeOrtHandle[_outputNames.Length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = new SafeOrtHandle(_outputValues[i], OrtApiSlot.ReleaseValue);
            _outputValues[i] = 0;
        }

        return new RunResult(_outputNames, values);
    }

    private void RunCore(bool allocateOutputs, CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            ObjectDisposedException.ThrowIf(_state == 2, this);
            throw new InvalidOperationException("this runner is already running on another thread; create one runner per thread.");
        }

        int bound = _inputs.Length + (allocateOutputs ? 0 : _outputs.Length);
        int leased = 0;
        bool runOptionsAdded = false;
        try
        {
            CheckBound(_inputs, _inputNames, "input");
            if (allocateOutputs)
            {
                new Span<nint>(_outputValues, _outputs.Length).Clear();
            }
            else
            {
                CheckBound(_outputs, _outputNames, "output");
            }

            cancellationToken.ThrowIfCancellationRequested();
            _runOptions.DangerousAddRef(ref runOptionsAdded);
            for (; leased < bound; leased++)
            {
                SafeOrtValueHandle value = leased < _inputs.Length ? _inputs[leased]!.Value : _outputs[leased - _inputs.Length]!.Value;
                bool added = false;
                value.DangerousAddRef(ref added);
                nint pointer = value.DangerousGetHandle();
                if (leased < _inputs.Length)
                {
                    _inputValues[leased] = pointer;
                }
                else
                {
                    _outputValues[leased - _inputs.Length] = pointer;
                }
            }

            _session.RunRaw(_runOptions, _inputNamePointers, _inputValues, (nuint)_inputs.Length, _outputNamePointers, (nuint)_outputs.Length, _outputValues, cancellationToken);
        }
        finally
        {
            for (int i = 0; i < leased; i++)
            {
                SafeOrtValueHandle value = i < _inputs.Length ? _inputs[i]!.Value : _outputs[i - _inputs.Length]!.Value;
                value.DangerousRelease();
            }

            if (runOptionsAdded)
            {
                _runOptions.DangerousRelease();
            }

            Volatile.Write(ref _state, 0);
        }
    }

    private static void CheckBound(OnnxTensor?[] tensors, string[] names, string kind)
    {
        for (int i = 0; i < tensors.Length; i++)
        {
            if (tensors[i] is null)
            {
                throw new InvalidOperationException($"{kind} `{names[i]}` has no tensor bound; call Bind{(kind == "input" ? "Input" : "Output")} first.");
            }
        }
    }

    private static int IndexOf(string[] names, string name, string kind)
    {
        int index = Array.IndexOf(names, name);
        return index >= 0 ? index : throw new KeyNotFoundException($"this runner has no {kind} named `{name}` ({string.Join(", ", names)}).");
    }

    private static byte** AllocateNames(string[] names)
    {
        byte** pointers = (byte**)NativeMemory.AllocZeroed((nuint)Math.Max(1, names.Length), (nuint)sizeof(nint));
        for (int i = 0; i < names.Length; i++)
        {
            byte[] utf8 = OrtApi.Utf8(names[i]);
            pointers[i] = (byte*)NativeMemory.Alloc((nuint)utf8.Length);
            utf8.CopyTo(new Span<byte>(pointers[i], utf8.Length));
        }

        return pointers;
    }

    private static void FreeNames(byte** pointers, int count)
    {
        for (int i = 0; i < count; i++)
        {
            NativeMemory.Free(pointers[i]);
        }

        NativeMemory.Free(pointers);
    }

    public void Dispose()
    {
        SpinWait spin = default;
        while (true)
        {
            int state = Interlocked.CompareExchange(ref _state, 2, 0);
            if (state == 2)
            {
                return;
            }

            if (state == 0)
            {
                break;
            }

            spin.SpinOnce();
        }

        _runOptions.Dispose();
        FreeNames(_inputNamePointers, _inputNames.Length);
        FreeNames(_outputNamePointers, _outputNames.Length);
        NativeMemory.Free(_inputValues);
        NativeMemory.Free(_outputValues);
    }
}
