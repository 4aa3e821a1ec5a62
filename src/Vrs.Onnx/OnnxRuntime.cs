using Vrs.Onnx.Native;

namespace Vrs.Onnx;

/// <summary>What was loaded: the library file, how it was found, its version and its compiled-in providers.</summary>
public sealed record OnnxRuntimeInfo(string LibraryPath, string FoundBy, string Version, IReadOnlyList<string> AvailableProviders)
{
    public bool HasCuda => AvailableProviders.Contains(ExecutionProviders.Cuda, StringComparer.Ordinal);
}

/// <summary>Execution provider names as ONNX Runtime reports them.</summary>
public static class ExecutionProviders
{
    public const string Cpu = "CPUExecutionProvider";
    public const string Cuda = "CUDAExecutionProvider";
}

/// <summary>
/// The process-wide ONNX Runtime: loads the native library once (see <see cref="Load"/> for the search order)
/// and owns the one <c>OrtEnv</c>, created lazily on the first session.
/// </summary>
public static class OnnxRuntime
{
    private static readonly Lock s_gate = new();
    private static OnnxRuntimeInfo? s_info;
    private static SafeOrtHandle? s_environment;
    private static SafeOrtHandle? s_cpuMemoryInfo;
    private static OrtLoggingLevel s_logLevel = OrtLoggingLevel.Error;

    /// <summary>The environment variable naming the library file.</summary>
    public const string LibraryEnvironmentVariable = OrtLibrary.EnvironmentVariable;

    public static bool IsLoaded => Volatile.Read(ref s_info) is not null;

    /// <summary>
    /// Loads ONNX Runtime, trying in order: <paramref name="libraryPath"/> (the CLI's <c>--ort-library</c>),
    /// <c>VRS_ORT_LIBRARY</c>, <c>.vrs/onnxruntime/libonnxruntime.so.1</c> in the application folder or any folder
    /// above it, then the OS loader (<c>libonnxruntime.so.1</c>, <c>libonnxruntime.so</c>). Idempotent; a different
    /// explicit path after the library is loaded is an error (one library per process).
    /// </summary>
    /// <exception cref="OnnxRuntimeNotFoundException">Nothing loadable was found; the message says what to do.</exception>
    public static OnnxRuntimeInfo Load(string? libraryPath = null)
    {
        lock (s_gate)
        {
            if (s_info is not null)
            {
                if (!string.IsNullOrWhiteSpace(libraryPath) &&
                    !string.Equals(Path.GetFullPath(libraryPath), s_info.LibraryPath, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"ONNX Runtime is already loaded from {s_info.LibraryPath}; cannot switch to {libraryPath} in the same process.");
                }

                return s_info;
            }

            LoadedLibrary loaded = OrtLibrary.Load(libraryPath);
            unsafe
            {
                OrtApi.Initialize((nint*)loaded.ApiTable);
            }

            string[] providers = OrtApi.GetAvailableProviders();
            var info = new OnnxRuntimeInfo(loaded.Path, loaded.Source, loaded.Version, providers);
            Volatile.Write(ref s_info, info);
            return info;
        }
    }

    /// <summary>The loaded library (loading it with the default search order on first use).</summary>
    public static OnnxRuntimeInfo Info => Volatile.Read(ref s_info) ?? Load();

    /// <summary>Where the library would be looked for, in order (shown by <c>vrs doctor</c>).</summary>
    public static IReadOnlyList<string> LibrarySearchOrder(string? libraryPath = null) =>
        [.. OrtLibrary.Candidates(libraryPath, AppContext.BaseDirectory).Select(c => $"{c.Source}: {c.Path}")];

    /// <summary>
    /// Null when the CUDA provider starts on <paramref name="deviceId"/>, else why not. The provider list only says
    /// what was compiled in (the CPU-only npm build lists CUDA too); this actually tries to append it.
    /// </summary>
    public static string? CudaUnavailableReason(int deviceId = 0)
    {
        _ = Environment; // the provider bridge logs through the environment's logger
        try
        {
            using SafeOrtHandle options = InferenceSession.CreateOptions(SessionSettings.Default, DeviceSpec.Cuda(deviceId));
            return null;
        }
        catch (DeviceUnavailableException exception)
        {
            return exception.InnerException is OnnxRuntimeException ort ? ort.ShortMessage : exception.Message;
        }
    }

    /// <summary>ONNX Runtime's own log threshold (it logs to stderr). Default <see cref="OrtLoggingLevel.Error"/>.</summary>
    public static OrtLoggingLevel LogLevel
    {
        get => s_logLevel;
        set
        {
            lock (s_gate)
            {
                s_logLevel = value;
                if (s_environment is not null)
                {
                    OrtApi.UpdateEnvWithCustomLogLevel(s_environment, (int)value);
                }
            }
        }
    }

    /// <summary>The one <c>OrtEnv</c>; it lives as long as the process (every session must die before it).</summary>
    internal static SafeOrtHandle Environment
    {
        get
        {
            SafeOrtHandle? environment = Volatile.Read(ref s_environment);
            if (environment is not null)
            {
                return environment;
            }

            _ = Info;
            lock (s_gate)
            {
                s_environment ??= OrtApi.CreateEnv((int)s_logLevel, "vrs");
                return s_environment;
            }
        }
    }

    /// <summary>CPU memory info for tensors over managed memory, shared by every tensor.</summary>
    internal static SafeOrtHandle CpuMemoryInfo
    {
        get
        {
            SafeOrtHandle? info = Volatile.Read(ref s_cpuMemoryInfo);
            if (info is not null)
            {
                return info;
            }

            _ = Info;
            lock (s_gate)
            {
                s_cpuMemoryInfo ??= OrtApi.CreateCpuMemoryInfo();
                return s_cpuMemoryInfo;
            }
        }
    }
}

/// <summary><c>OrtLoggingLevel</c>; values are the native ones.</summary>
public enum OrtLoggingLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}

/// <summary><c>GraphOptimizationLevel</c>; values are the native ones.</summary>
public enum GraphOptimizationLevel
{
    DisableAll = 0,
    Basic = 1,
    Extended = 2,
    Layout = 3,
    All = 99,
}
