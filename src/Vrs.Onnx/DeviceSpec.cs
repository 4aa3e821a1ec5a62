using System.Globalization;

namespace Vrs.Onnx;

public enum DeviceKind
{
    Cpu = 0,
    Cuda = 1,
    Auto = 2,
}

/// <summary>Where sessions run: <c>cpu</c>, <c>cuda</c> (= <c>cuda:0</c>), <c>cuda:N</c>, or <c>auto</c> (CUDA if it loads, else CPU).</summary>
public readonly record struct DeviceSpec(DeviceKind Kind, int DeviceId)
{
    public static DeviceSpec Cpu => new(DeviceKind.Cpu, 0);

    public static DeviceSpec Auto => new(DeviceKind.Auto, 0);

    public static DeviceSpec Cuda(int deviceId = 0) => new(DeviceKind.Cuda, deviceId);

    public static DeviceSpec Parse(string text) =>
        TryParse(text, out DeviceSpec device, out string? error) ? device : throw new FormatException(error);

    public static bool TryParse(string? text, out DeviceSpec device, out string? error)
    {
        device = Cpu;
        error = null;
        string value = (text ?? string.Empty).Trim().ToLowerInvariant();
        switch (value)
        {
            case "cpu":
                return true;
            case "auto":
                device = Auto;
                return true;
            case "cuda":
                device = Cuda();
                return true;
        }

        if (value.StartsWith("cuda:", StringComparison.Ordinal) &&
            int.TryParse(value.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
        {
            device = Cuda(id);
            return true;
        }

        error = $"device '{text}' is not one of cpu, cuda, cuda:N (N = GPU index), auto";
        return false;
    }

    public override string ToString() => Kind switch
    {
        DeviceKind.Cuda => $"cuda:{DeviceId.ToString(CultureInfo.InvariantCulture)}",
        DeviceKind.Auto => "auto",
        _ => "cpu",
    };
}

/// <summary>The device a session actually got, and (once, on the first fallback) why it differs from the request.</summary>
public sealed record ResolvedDevice(DeviceSpec Requested, DeviceSpec Actual, string? Notice)
{
    public bool IsCuda => Actual.Kind == DeviceKind.Cuda;
}

/// <summary>A device was asked for that this ONNX Runtime library cannot provide.</summary>
public sealed class DeviceUnavailableException : Exception
{
    public DeviceUnavailableException()
    {
    }

    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    public DeviceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
