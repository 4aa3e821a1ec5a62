namespace Vrs.Cli;

/// <summary>The exit codes every vrs command uses (ARCHITECTURE.md, "Conventions").</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and the answer is "no" (a failed gate such as <c>--fail-under</c>, or a runtime failure).</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or bad input: a file that cannot be read, malformed data, a model with the wrong contract.</summary>
    public const int BadInput = 2;

    /// <summary>Stopped by Ctrl-C or SIGTERM before finishing.</summary>
    public const int Cancelled = 130;
}
