using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Vrs.Onnx.Native;

/// <summary>
/// The one gateway to ONNX Runtime's C function table: one small method per C function, one error path
/// (<see cref="ThrowIfError"/>). Nothing else in vrs casts a function pointer. Every object a method creates
/// comes back inside a <see cref="SafeOrtHandle"/>.
/// </summary>
internal static unsafe class OrtApi
{
    private static nint* s_table;
    private static nint s_defaultAllocator;

    internal static bool IsInitialized => s_table != null;

    internal static void Initialize(nint* table)
    {
        s_table = table;
        nint allocator;
        ThrowIfError(((delegate* unmanaged<nint*, nint>)Fn(OrtApiSlot.GetAllocatorWithDefaultOptions))(&allocator));
        s_defaultAllocator = allocator;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Fn(OrtApiSlot slot)
    {
        nint* table = s_table;
        if (table == null)
        {
            ThrowNotLoaded();
        }

        return table[(int)slot];
    }

    private static void ThrowNotLoaded() =>
        throw new InvalidOperationException("ONNX Runtime is not loaded yet; call OnnxRuntime.Load first.");

    /// <summary>The single error path: a non-NULL <c>OrtStatus*</c> becomes an <see cref="OnnxRuntimeException"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void ThrowIfError(nint status)
    {
        if (status != 0)
        {
            ThrowFromStatus(status);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowFromStatus(nint status)
    {
        OrtErrorCode code;
        string message;
        try
        {
            code = (OrtErrorCode)((delegate* unmanaged<nint, int>)Fn(OrtApiSlot.GetErrorCode))(status);
            // The message belongs to the status: copy it before releasing.
            message = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)Fn(OrtApiSlot.GetErrorMessage))(status)) ?? string.Empty;
        }
        finally
        {
            ((delegate* unmanaged<nint, void>)Fn(OrtApiSlot.ReleaseStatus))(status);
        }

        throw new OnnxRuntimeException(code, message);
    }

    internal static void Release(OrtApiSlot releaseSlot, nint handle) =>
        ((delegate* unmanaged<nint, void>)Fn(releaseSlot))(handle);

    // ---- environment --------------------------------------------------------------------------------------

    internal static SafeOrtHandle CreateEnv(int logLevel, string logId)
    {
        nint env;
        fixed (byte* id = Utf8(logId))
        {
            ThrowIfError(((delegate* unmanaged<int, byte*, nint*, nint>)Fn(OrtApiSlot.CreateEnv))(logLevel, id, &env));
        }

        return new SafeOrtHandle(env, OrtApiSlot.ReleaseEnv);
    }

    internal static void UpdateEnvWithCustomLogLevel(SafeOrtHandle env, int logLevel)
    {
        using var lease = new HandleLease(env);
        ThrowIfError(((delegate* unmanaged<nint, int, nint>)Fn(OrtApiSlot.UpdateEnvWithCustomLogLevel))(lease.Pointer, logLevel));
    }

    internal static string[] GetAvailableProviders()
    {
        byte** names;
        int count;
        ThrowIfError(((delegate* unmanaged<byte***, int*, nint>)Fn(OrtApiSlot.GetAvailableProviders))(&names, &count));
        try
        {
            var result = new string[count];
            for (int i = 0; i < count; i++)
            {
                result[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? string.Empty;
            }

            return result;
        }
        finally
        {
            ThrowIfError(((delegate* unmanaged<byte**, int, nint>)Fn(OrtApiSlot.ReleaseAvailableProviders))(names, count));
        }
    }

    // ---- session options ----------------------------------------------------------------------------------

    internal static SafeOrtHandle CreateSessionOptions()
    {
        nint options;
        ThrowIfError(((delegate* unmanaged<nint*, nint>)Fn(OrtApiSlot.CreateSessionOptions))(&options));
        return new SafeOrtHandle(options, OrtApiSlot.ReleaseSessionOptions);
    }

    internal static void SetIntraOpNumThreads(SafeOrtHandle options, int threads) =>
        CallWithInt(OrtApiSlot.SetIntraOpNumThreads, options, threads);

    internal static void SetInterOpNumThreads(SafeOrtHandle options, int threads) =>
        CallWithInt(OrtApiSlot.SetInterOpNumThreads, options, threads);

    internal static void SetSessionGraphOptimizationLevel(SafeOrtHandle options, int level) =>
        CallWithInt(OrtApiSlot.SetSessionGraphOptimizationLevel, options, level);

    internal static void SetSessionExecutionMode(SafeOrtHandle options, int mode) =>
        CallWithInt(OrtApiSlot.SetSessionExecutionMode, options, mode);

    private static void CallWithInt(OrtApiSlot slot, SafeOrtHandle target, int value)
    {
        using var lease = new HandleLease(target);
        ThrowIfError(((delegate* unmanaged<nint, int, nint>)Fn(slot))(lease.Pointer, value));
    }

    internal static void AddSessionConfigEntry(SafeOrtHandle options, string key, string value)
    {
        using var lease = new HandleLease(options);
        fixed (byte* k = Utf8(key), v = Utf8(value))
        {
            ThrowIfError(((delegate* unmanaged<nint, byte*, byte*, nint>)Fn(OrtApiSlot.AddSessionConfigEntry))(lease.Pointer, k, v));
        }
    }

    internal static SafeOrtHandle CreateCUDAProviderOptions()
    {
        nint cuda;
        ThrowIfError(((delegate* unmanaged<nint*, nint>)Fn(OrtApiSlot.CreateCUDAProviderOptions))(&cuda));
        return new SafeOrtHandle(cuda, OrtApiSlot.ReleaseCUDAProviderOptions);
    }

    internal static void UpdateCUDAProviderOptions(SafeOrtHandle cuda, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        using var lease = new HandleLease(cuda);
        var buffers = new byte[entries.Count * 2][];
        var handles = new GCHandle[buffers.Length];
        byte** pointers = stackalloc byte*[buffers.Length];
        try
        {
            for (int i = 0; i < entries.Count; i++)
            {
                buffers[2 * i] = Utf8(entries[i].Key);
                buffers[(2 * i) + 1] = Utf8(entries[i].Value);
            }

            for (int i = 0; i < buffers.Length; i++)
            {
                handles[i] = GCHandle.Alloc(buffers[i], GCHandleType.Pinned);
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            }

            byte** keys = stackalloc byte*[entries.Count];
            byte** values = stackalloc byte*[entries.Count];
            for (int i = 0; i < entries.Count; i++)
            {
                keys[i] = pointers[2 * i];
                values[i] = pointers[(2 * i) + 1];
            }

            ThrowIfError(((delegate* unmanaged<nint, byte**, byte**, nuint, nint>)Fn(OrtApiSlot.UpdateCUDAProviderOptions))(
                lease.Pointer, keys, values, (nuint)entries.Count));
        }
        finally
        {
            foreach (GCHandle handle in handles)
            {
                if (handle.IsAllocated)
                {
                    handle.Free();
                }
            }
        }
    }

    internal static void SessionOptionsAppendExecutionProvider_CUDA_V2(SafeOrtHandle options, SafeOrtHandle cuda)
    {
        using var optionsLease = new HandleLease(options);
        using var cudaLease = new HandleLease(cuda);
        ThrowIfError(((delegate* unmanaged<nint, nint, nint>)Fn(OrtApiSlot.SessionOptionsAppendExecutionProvider_CUDA_V2))(
            optionsLease.Pointer, cudaLease.Pointer));
    }

    // ---- sessions -----------------------------------------------------------------------------------------

    internal static SafeOrtHandle CreateSession(SafeOrtHandle env, string modelPath, SafeOrtHandle options)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("vrs passes model paths as UTF-8 (ORTCHAR_T is char on Linux and macOS only).");
        }

        using var envLease = new HandleLease(env);
        using var optionsLease = new HandleLease(options);
        nint session;
        fixed (byte* path = Utf8(modelPath))
        {
            ThrowIfError(((delegate* unmanaged<nint, byte*, nint, nint*, nint>)Fn(OrtApiSlot.CreateSession))(
                envLease.Pointer, path, optionsLease.Pointer, &session));
        }

        return new SafeOrtHandle(session, OrtApiSlot.ReleaseSession);
    }

    internal static SafeOrtHandle CreateSessionFromArray(SafeOrtHandle env, ReadOnlySpan<byte> model, SafeOrtHandle options)
    {
        using var envLease = new HandleLease(env);
        using var optionsLease = new HandleLease(options);
        nint session;
        fixed (byte* data = model)
        {
            ThrowIfError(((delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint>)Fn(OrtApiSlot.CreateSessionFromArray))(
                envLease.Pointer, data, (nuint)model.Length, optionsLease.Pointer, &session));
        }

        return new SafeOrtHandle(session, OrtApiSlot.ReleaseSession);
    }

    internal static int SessionGetInputCount(SafeOrtHandle session) => GetCount(OrtApiSlot.SessionGetInputCount, session);

    internal static int SessionGetOutputCount(SafeOrtHandle session) => GetCount(OrtApiSlot.SessionGetOutputCount, session);

    private static int GetCount(OrtApiSlot slot, SafeOrtHandle session)
    {
        using var lease = new HandleLease(session);
        nuint count;
        ThrowIfError(((delegate* unmanaged<nint, nuint*, nint>)Fn(slot))(lease.Pointer, &count));
        return checked((int)count);
    }

    internal static string SessionGetInputName(SafeOrtHandle session, int index) =>
        GetName(OrtApiSlot.SessionGetInputName, session, index);

    internal static string SessionGetOutputName(SafeOrtHandle session, int index) =>
        GetName(OrtApiSlot.SessionGetOutputName, session, index);

    private static string GetName(OrtApiSlot slot, SafeOrtHandle session, int index)
    {
        using var lease = new HandleLease(session);
        byte* name;
        ThrowIfError(((delegate* unmanaged<nint, nuint, nint, byte**, nint>)Fn(slot))(lease.Pointer, (nuint)index, s_defaultAllocator, &name));
        return TakeAllocatorString(name) ?? string.Empty;
    }

    internal static SafeOrtHandle SessionGetInputTypeInfo(SafeOrtHandle session, int index) =>
        GetTypeInfo(OrtApiSlot.SessionGetInputTypeInfo, session, index);

    internal static SafeOrtHandle SessionGetOutputTypeInfo(SafeOrtHandle session, int index) =>
        GetTypeInfo(OrtApiSlot.SessionGetOutputTypeInfo, session, index);

    private static SafeOrtHandle GetTypeInfo(OrtApiSlot slot, SafeOrtHandle session, int index)
    {
        using var lease = new HandleLease(session);
        nint info;
        ThrowIfError(((delegate* unmanaged<nint, nuint, nint*, nint>)Fn(slot))(lease.Pointer, (nuint)index, &info));
        return new SafeOrtHandle(info, OrtApiSlot.ReleaseTypeInfo);
    }

    internal static int GetOnnxTypeFromTypeInfo(SafeOrtHandle typeInfo)
    {
        using var lease = new HandleLease(typeInfo);
        int type;
        ThrowIfError(((delegate* unmanaged<nint, int*, nint>)Fn(OrtApiSlot.GetOnnxTypeFromTypeInfo))(lease.Pointer, &type));
        return type;
    }

    /// <summary>Element type, dimensions (-1 where unknown) and symbolic names of a tensor type info.</summary>
    internal static (TensorElementType ElementType, long[] Dimensions, string?[] Symbols) ReadTensorTypeInfo(SafeOrtHandle typeInfo)
    {
        using var lease = new HandleLease(typeInfo);
        nint tensorInfo; // borrowed from the type info: never released
        ThrowIfError(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtApiSlot.CastTypeInfoToTensorInfo))(lease.Pointer, &tensorInfo));
        return ReadTypeAndShape(tensorInfo, withSymbols: true);
    }

    private static (TensorElementType ElementType, long[] Dimensions, string?[] Symbols) ReadTypeAndShape(nint tensorInfo, bool withSymbols)
    {
        int elementType;
        nuint rank;
        ThrowIfError(((delegate* unmanaged<nint, int*, nint>)Fn(OrtApiSlot.GetTensorElementType))(tensorInfo, &elementType));
        ThrowIfError(((delegate* unmanaged<nint, nuint*, nint>)Fn(OrtApiSlot.GetDimensionsCount))(tensorInfo, &rank));
        var dimensions = new long[(int)rank];
        var symbols = withSymbols ? new string?[(int)rank] : [];
        fixed (long* dims = dimensions)
        {
            ThrowIfError(((delegate* unmanaged<nint, long*, nuint, nint>)Fn(OrtApiSlot.GetDimensions))(tensorInfo, dims, rank));
        }

        if (withSymbols && rank > 0)
        {
            byte** names = stackalloc byte*[(int)rank];
            ThrowIfError(((delegate* unmanaged<nint, byte**, nuint, nint>)Fn(OrtApiSlot.GetSymbolicDimensions))(tensorInfo, names, rank));
            for (int i = 0; i < (int)rank; i++)
            {
                string? symbol = names[i] == null ? null : Marshal.PtrToStringUTF8((nint)names[i]);
                symbols[i] = string.IsNullOrEmpty(symbol) ? null : symbol;
            }
        }

        return ((TensorElementType)elementType, dimensions, symbols);
    }

    // ---- model metadata -----------------------------------------------------------------------------------

    internal static SafeOrtHandle SessionGetModelMetadata(SafeOrtHandle session)
    {
        using var lease = new HandleLease(session);
        nint metadata;
        ThrowIfError(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtApiSlot.SessionGetModelMetadata))(lease.Pointer, &metadata));
        return new SafeOrtHandle(metadata, OrtApiSlot.ReleaseModelMetadata);
    }

    internal static string ModelMetadataGetString(SafeOrtHandle metadata, OrtApiSlot slot)
    {
        using var lease = new HandleLease(metadata);
        byte* value;
        ThrowIfError(((delegate* unmanaged<nint, nint, byte**, nint>)Fn(slot))(lease.Pointer, s_defaultAllocator, &value));
        return TakeAllocatorString(value) ?? string.Empty;
    }

    internal static long ModelMetadataGetVersion(SafeOrtHandle metadata)
    {
        using var lease = new HandleLease(metadata);
        long version;
        ThrowIfError(((delegate* unmanaged<nint, long*, nint>)Fn(OrtApiSlot.ModelMetadataGetVersion))(lease.Pointer, &version));
        return version;
    }

    internal static string[] ModelMetadataGetCustomMetadataMapKeys(SafeOrtHandle metadata)
    {
        using var lease = new HandleLease(metadata);
        byte** keys;
        long count;
        ThrowIfError(((delegate* unmanaged<nint, nint, byte***, long*, nint>)Fn(OrtApiSlot.ModelMetadataGetCustomMetadataMapKeys))(
            lease.Pointer, s_defaultAllocator, &keys, &count));
        if (keys == null)
        {
            return [];
        }

        var result = new string[count];
        for (long i = 0; i < count; i++)
        {
            result[i] = TakeAllocatorString(keys[i]) ?? string.Empty;
        }

        AllocatorFree(keys);
        return result;
    }

    internal static string? ModelMetadataLookupCustomMetadataMap(SafeOrtHandle metadata, string key)
    {
        using var lease = new HandleLease(metadata);
        byte* value;
        fixed (byte* k = Utf8(key))
        {
            ThrowIfError(((delegate* unmanaged<nint, nint, byte*, byte**, nint>)Fn(OrtApiSlot.ModelMetadataLookupCustomMetadataMap))(
                lease.Pointer, s_defaultAllocator, k, &value));
        }

        return TakeAllocatorString(value);
    }

    // ---- values -------------------------------------------------------------------------------------------

    internal static SafeOrtHandle CreateCpuMemoryInfo()
    {
        nint info;
        ThrowIfError(((delegate* unmanaged<int, int, nint*, nint>)Fn(OrtApiSlot.CreateCpuMemoryInfo))(
            OrtConstants.OrtDeviceAllocator, OrtConstants.OrtMemTypeDefault, &info));
        return new SafeOrtHandle(info, OrtApiSlot.ReleaseMemoryInfo);
    }

    /// <summary>Creates a tensor value over <paramref name="data"/>, which must stay pinned until ORT releases it.</summary>
    internal static nint CreateTensorWithDataAsOrtValue(SafeOrtHandle memoryInfo, void* data, nuint byteCount, ReadOnlySpan<long> shape, TensorElementType elementType)
    {
        using var lease = new HandleLease(memoryInfo);
        nint value;
        fixed (long* dims = shape)
        {
            ThrowIfError(((delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)Fn(OrtApiSlot.CreateTensorWithDataAsOrtValue))(
                lease.Pointer, data, byteCount, dims, (nuint)shape.Length, (int)elementType, &value));
        }

        return value;
    }

    internal static void* GetTensorMutableData(nint value)
    {
        void* data;
        ThrowIfError(((delegate* unmanaged<nint, void**, nint>)Fn(OrtApiSlot.GetTensorMutableData))(value, &data));
        return data;
    }

    internal static (TensorElementType ElementType, long[] Dimensions) GetTensorTypeAndShape(nint value)
    {
        nint info;
        ThrowIfError(((delegate* unmanaged<nint, nint*, nint>)Fn(OrtApiSlot.GetTensorTypeAndShape))(value, &info));
        using var owned = new SafeOrtHandle(info, OrtApiSlot.ReleaseTensorTypeAndShapeInfo);
        (TensorElementType type, long[] dims, _) = ReadTypeAndShape(info, withSymbols: false);
        return (type, dims);
    }

    // ---- run ----------------------------------------------------------------------------------------------

    internal static SafeOrtHandle CreateRunOptions()
    {
        nint options;
        ThrowIfError(((delegate* unmanaged<nint*, nint>)Fn(OrtApiSlot.CreateRunOptions))(&options));
        return new SafeOrtHandle(options, OrtApiSlot.ReleaseRunOptions);
    }

    internal static void RunOptionsSetTerminate(nint runOptions) =>
        ThrowIfError(((delegate* unmanaged<nint, nint>)Fn(OrtApiSlot.RunOptionsSetTerminate))(runOptions));

    internal static void RunOptionsUnsetTerminate(nint runOptions) =>
        ThrowIfError(((delegate* unmanaged<nint, nint>)Fn(OrtApiSlot.RunOptionsUnsetTerminate))(runOptions));

    /// <summary>
    /// <c>Run</c> on raw pointers: callers hold leases on the session, run options and every value for the call.
    /// A NULL entry in <paramref name="outputs"/> lets ORT allocate that output; the caller then owns it.
    /// </summary>
    internal static void Run(nint session, nint runOptions, byte** inputNames, nint* inputs, nuint inputCount, byte** outputNames, nuint outputCount, nint* outputs) =>
        ThrowIfError(((delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)Fn(OrtApiSlot.Run))(
            session, runOptions, inputNames, inputs, inputCount, outputNames, outputCount, outputs));

    // ---- helpers ------------------------------------------------------------------------------------------

    /// <summary>NUL-terminated UTF-8 bytes of <paramref name="text"/>.</summary>
    internal static byte[] Utf8(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    private static string? TakeAllocatorString(byte* value)
    {
        if (value == null)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8((nint)value);
        }
        finally
        {
            AllocatorFree(value);
        }
    }

    private static void AllocatorFree(void* pointer) =>
        ThrowIfError(((delegate* unmanaged<nint, void*, nint>)Fn(OrtApiSlot.AllocatorFree))(s_defaultAllocator, pointer));

    internal static string ReadUtf8(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? string.Empty;
}
