using System.Text.Json;
using Vrs.Onnx;
using Vrs.Onnx.Contracts;

namespace Vrs.Cli;

/// <summary>
/// Turns an exception that escaped a command into one line for the user and an exit code. Bad input (unreadable or
/// malformed files, paths that escape their root, usage mistakes) is exit 2; anything else is exit 1. Stack traces
/// only with VRS_DEBUG=1.
/// </summary>
internal static class CliErrors
{
    /// <summary>Runs a command's body; whatever escapes it becomes one <c>error:</c> line and its exit code.</summary>
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception exception)
        {
            return Report(exception, error);
        }
    }

    public static int Report(Exception exception, TextWriter error)
    {
        if (exception is OperationCanceledException)
        {
            error.WriteLine("vrs: cancelled; finished outputs were kept, nothing half-written was left behind");
            return ExitCodes.Cancelled;
        }

        (int code, string message) = Describe(exception);
        error.WriteLine($"error: {message}");
        if (Environment.GetEnvironmentVariable("VRS_DEBUG") == "1")
        {
            error.WriteLine(exception.ToString());
        }

        return code;
    }

    private static (int Code, string Message) Describe(Exception exception) => exception switch
    {
        UsageException e => (ExitCodes.BadInput, e.Message),
        Grounding.Runtime.LvlmInputException e => (ExitCodes.BadInput, e.Message),
        OnnxRuntimeNotFoundException or ModelManifestException or ModelContractException or DeviceUnavailableException => (ExitCodes.BadInput, exception.Message),
        OnnxRuntimeException e => (ExitCodes.Failure, e.Message),
        InvalidDataException e => (ExitCodes.BadInput, e.Message),
        FileNotFoundException e => (ExitCodes.BadInput, e.FileName is { } f && !e.Message.Contains(f, StringComparison.Ordinal) ? $"{f}: file not found" : e.Message),
        DirectoryNotFoundException e => (ExitCodes.BadInput, e.Message),
        UnauthorizedAccessException e => (ExitCodes.BadInput, e.Message),
        JsonException e => (ExitCodes.BadInput, e.Message),
        PathTooLongException e => (ExitCodes.BadInput, e.Message),
        IOException e => (ExitCodes.Failure, e.Message),
        AggregateException { InnerExceptions.Count: > 0 } e => Describe(e.InnerExceptions[0]),
        _ => (ExitCodes.Failure, $"{exception.GetType().Name}: {exception.Message} (set VRS_DEBUG=1 for the stack trace)"),
    };
}

/// <summary>A mistake in how a command was called that the parser could not catch (exit code 2).</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
