using System.Collections.ObjectModel;
using Vrs.Onnx.Native;

namespace Vrs.Onnx;

/// <summary>
/// One loaded model. <see cref="Run"/> (and any number of <see cref="SessionRunner"/>s) may be called from several
/// threads at once, as ONNX Runtime allows; <see cref="Dispose"/> waits for runs in flight to finish and makes new
/// ones fail with <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed unsafe class InferenceSession : IDisposable
{
    private static readonly Lock s_autoGate = new();
    private static DeviceSpec? s_autoOutcome;

    private readonly SafeOrtHandle _session;
    private readonly Lazy<ModelMetadata> _metadata;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;
    private int _activeRuns;
    private int _disposed;

    private InferenceSession(SafeOrtHandle session, string source, ResolvedDevice device)
    {
        _session = session;
        Source = source;
        Device = device;
        Inputs = ReadInfos(session, input: true);
        Outputs = ReadInfos(session, input: false);
        _inputIndex = Index(Inputs);
        _outputIndex = Index(Outputs);
        _metadata = new Lazy<ModelMetadata>(ReadMetadata);
    }

    /// <summary>The model file, or <c>(bytes)</c>.</summary>
    public string Source { get; }

    public IReadOnlyList<TensorInfo> Inputs { get; }

    public IReadOnlyList<TensorInfo> Outputs { get; }

    /// <summary>The device the session runs on, and a notice if <c>auto</c> fell back to CPU (set on the first such session only).</summary>
    public ResolvedDevice Device { get; }

    public ModelMetadata Metadata => _metadata.Value;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    internal SafeOrtHandle Handle => _session;

    /// <summary>Loads a model file.</summary>
    /// <exception cref="OnnxRuntimeException">ORT rejected the file (missing: <see cref="OrtErrorCode.NoSuchFile"/>, not a model: <see cref="OrtErrorCode.InvalidProtobuf"/>).</exception>
    /// <exception cref="DeviceUnavailableException">The settings ask for CUDA and this library cannot provide it.</exception>
    public static InferenceSession Open(string modelPath, SessionSettings? settings = null)
    {
        string fullPath = Path.GetFullPath(modelPath);
        return Create(settings ?? SessionSettings.Default, fullPath, options => OrtApi.CreateSession(OnnxRuntime.Environment, fullPath, options));
    }

    /// <summary>Loads a model from its serialized bytes.</summary>
    public static InferenceSession FromBytes(ReadOnlySpan<byte> model, SessionSettings? settings = null)
    {
        byte[] copy = model.ToArray();
        return Create(settings ?? SessionSettings.Default, "(bytes)", options => OrtApi.CreateSessionFromArray(OnnxRuntime.Environment, copy, options));
    }

    private static InferenceSession Create(SessionSettings settings, string source, Func<SafeOrtHandle, SafeOrtHandle> create)
    {
        _ = OnnxRuntime.Environment;
        DeviceSpec requested = settings.Device;
        DeviceSpec target = requested;
        string? notice = null;
        if (requested.Kind == DeviceKind.Auto)
        {
            lock (s_autoGate)
            {
                if (s_autoOutcome is { } decided)
                {
                    target = decided;
                }
                else
                {
                    target = DeviceSpec.Cuda(0);
                    if (!OnnxRuntime.Info.HasCuda)
                    {
                        target = DeviceSpec.Cpu;
                        notice = $"--device auto: ONNX Runtime at {OnnxRuntime.Info.LibraryPath} has no CUDA provider; running on CPU.";
                        s_autoOutcome = target;
                    }
                }
            }
        }

        if (target.Kind == DeviceKind.Cuda)
        {
            try
            {
                using SafeOrtHandle cudaOptions = CreateOptions(settings, target);
                InferenceSession session = Wrap(create(cudaOptions), source, new ResolvedDevice(requested, target, null));
                if (requested.Kind == DeviceKind.Auto)
                {
                    lock (s_autoGate)
                    {
                        s_autoOutcome ??= target;
                    }
                }

                return session;
            }
            catch (Exception exception) when (requested.Kind == DeviceKind.Auto && exception is DeviceUnavailableException or OnnxRuntimeException)
            {
                string reason = exception switch
                {
                    DeviceUnavailableException { InnerException: OnnxRuntimeException ort } => ort.ShortMessage,
                    OnnxRuntimeException ort => ort.ShortMessage,
                    _ => exception.Message,
                };
                lock (s_autoGate)
                {
                    target = DeviceSpec.Cpu;
                    if (s_autoOutcome is null)
                    {
                        notice = $"--device auto: CUDA is not usable ({reason}); running on CPU.";
                        s_autoOutcome = target;
                    }
                }
            }
            catch (OnnxRuntimeException exception) when (exception.ErrorCode == OrtErrorCode.EpFail)
            {
                throw new DeviceUnavailableException(
                    $"--device {target}: the CUDA provider could not start this session: {exception.ShortMessage}. Use --device cpu or --device auto.", exception);
            }
        }

        using SafeOrtHandle options = CreateOptions(settings, target);
        return Wrap(create(options), source, new ResolvedDevice(requested, target, notice));
    }

    private static InferenceSession Wrap(SafeOrtHandle handle, string source, ResolvedDevice device)
    {
        try
        {
            return new InferenceSession(handle, source, device);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    internal static SafeOrtHandle CreateOptions(SessionSettings settings, DeviceSpec device)
    {
        SafeOrtHandle options = OrtApi.CreateSessionOptions();
        try
        {
            OrtApi.SetIntraOpNumThreads(options, settings.IntraOpThreads);
            OrtApi.SetInterOpNumThreads(options, settings.InterOpThreads);
            OrtApi.SetSessionExecutionMode(options, settings.ParallelExecution ? OrtConstants.ORT_PARALLEL : OrtConstants.ORT_SEQUENTIAL);
            OrtApi.SetSessionGraphOptimizationLevel(options, (int)settings.OptimizationLevel);
            string spinning = settings.AllowSpinning ? "1" : "0";
            OrtApi.AddSessionConfigEntry(options, "session.intra_op.allow_spinning", spinning);
            OrtApi.AddSessionConfigEntry(options, "session.inter_op.allow_spinning", spinning);
            if (device.Kind == DeviceKind.Cuda)
            {
                AppendCuda(options, device, settings.CudaMemoryLimitBytes);
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }

    private static void AppendCuda(SafeOrtHandle options, DeviceSpec device, long? memoryLimit)
    {
        OnnxRuntimeInfo info = OnnxRuntime.Info;
        if (!info.HasCuda)
        {
            throw new DeviceUnavailableException(
                $"--device {device} asks for CUDA, but the ONNX Runtime library {info.LibraryPath} was built without it " +
                $"(providers: {string.Join(", ", info.AvailableProviders)}). Use --device cpu, or point --ort-library / {OnnxRuntime.LibraryEnvironmentVariable} at a GPU build.");
        }

        try
        {
            using SafeOrtHandle cuda = OrtApi.CreateCUDAProviderOptions();
            var entries = new List<KeyValuePair<string, string>> { new("device_id", device.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
            if (memoryLimit is { } limit)
            {
                entries.Add(new("gpu_mem_limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            OrtApi.UpdateCUDAProviderOptions(cuda, entries);
            OrtApi.SessionOptionsAppendExecutionProvider_CUDA_V2(options, cuda);
        }
        catch (OnnxRuntimeException exception)
        {
            throw new DeviceUnavailableException(
                $"--device {device} asks for CUDA, but ONNX Runtime at {info.LibraryPath} cannot start its CUDA provider: {exception.ShortMessage} " +
                "(a GPU build needs libonnxruntime_providers_shared.so and libonnxruntime_providers_cuda.so beside it, plus CUDA and cuDNN). Use --device cpu or --device auto.",
                exception);
        }
    }

    private static ReadOnlyCollection<TensorInfo> ReadInfos(SafeOrtHandle session, bool input)
    {
        int count = input ? OrtApi.SessionGetInputCount(session) : OrtApi.SessionGetOutputCount(session);
        var infos = new TensorInfo[count];
        for (int i = 0; i < count; i++)
        {
            string name = input ? OrtApi.SessionGetInputName(session, i) : OrtApi.SessionGetOutputName(session, i);
            using SafeOrtHandle typeInfo = input ? OrtApi.SessionGetInputTypeInfo(session, i) : OrtApi.SessionGetOutputTypeInfo(session, i);
            if (OrtApi.GetOnnxTypeFromTypeInfo(typeInfo) != OrtConstants.ONNX_TYPE_TENSOR)
            {
                infos[i] = new TensorInfo(name, false, TensorElementType.Undefined, [], []);
                continue;
            }

            (TensorElementType type, long[] dims, string?[] symbols) = OrtApi.ReadTensorTypeInfo(typeInfo);
            infos[i] = new TensorInfo(name, true, type, Array.AsReadOnly(dims), Array.AsReadOnly(symbols));
        }

        return Array.AsReadOnly(infos);
    }

    private static Dictionary<string, int> Index(IReadOnlyList<TensorInfo> infos)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < infos.Count; i++)
        {
            index[infos[i].Name] = i;
        }

        return index;
    }

    private ModelMetadata ReadMetadata()
    {
        BeginRun();
        try
        {
            using SafeOrtHandle metadata = OrtApi.SessionGetModelMetadata(_session);
            var custom = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string key in OrtApi.ModelMetadataGetCustomMetadataMapKeys(metadata))
            {
                custom[key] = OrtApi.ModelMetadataLookupCustomMetadataMap(metadata, key) ?? string.Empty;
            }

            return new ModelMetadata(
                OrtApi.ModelMetadataGetString(metadata, OrtApiSlot.ModelMetadataGetProducerName),
                OrtApi.ModelMetadataGetString(metadata, OrtApiSlot.ModelMetadataGetGraphName),
                OrtApi.ModelMetadataGetString(metadata, OrtApiSlot.ModelMetadataGetDomain),
                OrtApi.ModelMetadataGetString(metadata, OrtApiSlot.ModelMetadataGetDescription),
                OrtApi.ModelMetadataGetVersion(metadata),
                new ReadOnlyDictionary<string, string>(custom));
        }
        finally
        {
            EndRun();
        }
    }

    public TensorInfo Input(string name) => Inputs[InputIndex(name)];

    public TensorInfo Output(string name) => Outputs[OutputIndex(name)];

    private int InputIndex(string name) => _inputIndex.TryGetValue(name, out int index) ? index
        : throw new KeyNotFoundException($"model {Source} has no input `{name}` (inputs: {string.Join(", ", Inputs.Select(i => i.Name))}).");

    private int OutputIndex(string name) => _outputIndex.TryGetValue(name, out int index) ? index
        : throw new KeyNotFoundException($"model {Source} has no output `{name}` (outputs: {string.Join(", ", Outputs.Select(o => o.Name))}).");

    /// <summary>
    /// Runs the model on named inputs; ONNX Runtime allocates the requested outputs (all, if
    /// <paramref name="outputNames"/> is null), read them from the returned <see cref="RunResult"/> without copying.
    /// </summary>
    public RunResult Run(IReadOnlyList<KeyValuePair<string, OnnxTensor>> inputs, IReadOnlyList<string>? outputNames = null, CancellationToken cancellationToken = default)
    {
        string[] outputs = outputNames is null ? [.. Outputs.Select(o => o.Name)] : [.. outputNames];
        foreach (string name in outputs)
        {
            _ = OutputIndex(name);
        }

        foreach (KeyValuePair<string, OnnxTensor> input in inputs)
        {
            _ = InputIndex(input.Key);
        }

        using SessionRunner runner = CreateRunner([.. inputs.Select(i => i.Key)], outputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            runner.BindInput(i, inputs[i].Value);
        }

        return runner.RunAllocatingOutputs(cancellationToken);
    }

    /// <summary>Runs on named inputs (convenience overload).</summary>
    public RunResult Run(params ReadOnlySpan<(string Name, OnnxTensor Tensor)> inputs)
    {
        var list = new KeyValuePair<string, OnnxTensor>[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            list[i] = new(inputs[i].Name, inputs[i].Tensor);
        }

        return Run(list);
    }

    /// <summary>A prepared run over these names (default: every input and output) for allocation-free repeated runs.</summary>
    public SessionRunner CreateRunner(IReadOnlyList<string>? inputNames = null, IReadOnlyList<string>? outputNames = null)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        string[] inputs = inputNames is null ? [.. Inputs.Select(i => i.Name)] : [.. inputNames];
        string[] outputs = outputNames is null ? [.. Outputs.Select(o => o.Name)] : [.. outputNames];
        foreach (string name in inputs)
        {
            _ = InputIndex(name);
        }

        foreach (string name in outputs)
        {
            _ = OutputIndex(name);
        }

        return new SessionRunner(this, inputs, outputs);
    }

    internal void RunRaw(SafeOrtHandle runOptions, byte** inputNames, nint* inputs, nuint inputCount, byte** outputNames, nuint outputCount, nint* outputs, CancellationToken cancellationToken)
    {
        BeginRun();
        bool added = false;
        try
        {
            _session.DangerousAddRef(ref added);
            nint options = runOptions.DangerousGetHandle();
            CancellationTokenRegistration registration = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(static state => OrtApi.RunOptionsSetTerminate((nint)state!), options)
                : default;
            try
            {
                OrtApi.Run(_session.DangerousGetHandle(), options, inputNames, inputs, inputCount, outputNames, outputCount, outputs);
            }
            catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
            {
                registration.Dispose();
                OrtApi.RunOptionsUnsetTerminate(options);
                throw new OperationCanceledException(cancellationToken);
            }
            finally
            {
                registration.Dispose();
            }

            if (cancellationToken.IsCancellationRequested)
            {
                OrtApi.RunOptionsUnsetTerminate(options);
            }
        }
        finally
        {
            if (added)
            {
                _session.DangerousRelease();
            }

            EndRun();
        }
    }

    private void BeginRun()
    {
        Interlocked.Increment(ref _activeRuns);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Interlocked.Decrement(ref _activeRuns);
            ObjectDisposedException.ThrowIf(true, this);
        }
    }

    private void EndRun() => Interlocked.Decrement(ref _activeRuns);

    /// <summary>Waits for runs in flight, then releases the native session. New runs fail from the moment this starts.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        SpinWait spin = default;
        while (Volatile.Read(ref _activeRuns) != 0)
        {
            spin.SpinOnce(sleep1Threshold: 20);
        }

        _session.Dispose();
    }

    internal bool IsNativeHandleClosed => _session.IsClosed;

    internal static void ResetAutoDeviceForTests()
    {
        lock (s_autoGate)
        {
            s_autoOutcome = null;
        }
    }
}
