namespace Vrs.Onnx;

/// <summary>The ONNX Runtime library could not be found or loaded; the message lists what was tried and what to do.</summary>
public sealed class OnnxRuntimeNotFoundException : Exception
{
    public OnnxRuntimeNotFoundException()
        : this([])
    {
    }

    public OnnxRuntimeNotFoundException(string message)
        : base(message)
    {
        Attempts = [];
    }

    public OnnxRuntimeNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
        Attempts = [];
    }

    internal OnnxRuntimeNotFoundException(IReadOnlyList<string> attempts)
        : base(BuildMessage(attempts))
    {
        Attempts = attempts;
    }

    /// <summary>One line per place that was tried: where it came from, the path, and why it failed.</summary>
    public IReadOnlyList<string> Attempts { get; }

    private static string BuildMessage(IReadOnlyList<string> attempts)
    {
        string tried = attempts.Count == 0 ? string.Empty : "; tried " + string.Join("; ", attempts);
        return "ONNX Runtime could not be loaded" + tried +
            $". Run `scripts/vrs doctor` from the repository (its set-up fetches ONNX Runtime into {Native.OrtLibrary.SetupFolder}/), " +
            $"or set {Native.OrtLibrary.EnvironmentVariable} (or --ort-library) to the absolute path of libonnxruntime.so.1.";
    }
}
