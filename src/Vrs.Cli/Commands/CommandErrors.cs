using Vrs.Onnx;
using Vrs.Onnx.Contracts;

namespace Vrs.Cli.Commands;

/// <summary>
/// The one place that turns exceptions from the layers below into <c>error: …</c> on stderr and an exit code:
/// bad input (a missing library, a bad bundle, an unavailable device) → 2; ONNX Runtime failures → 1. No stack traces.
/// </summary>
internal static class CommandErrors
{
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception exception) when (ExitCodeFor(exception) is int code)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return code;
        }
    }

    public static int? ExitCodeFor(Exception exception) => exception switch
    {
        OnnxRuntimeNotFoundException or ModelManifestException or ModelContractException or DeviceUnavailableException => ExitCodes.BadInput,
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => ExitCodes.BadInput,
        OnnxRuntimeException => ExitCodes.Failure,
        OperationCanceledException => ExitCodes.Cancelled,
        _ => null,
    };
}
