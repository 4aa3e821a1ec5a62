using System.ComponentModel;
using System.Diagnostics;

namespace Vrs.Media.Video;

/// <summary>
/// One running ffmpeg or ffprobe, started from an argument list (never a shell). stderr is drained on a background
/// thread from the start so the tool never blocks on a full pipe; its first lines are kept for error messages.
/// Disposing kills the process if it is still running.
/// </summary>
internal sealed class MediaTool : IDisposable
{
    private const int KeptErrorLines = 40;

    private readonly Process _process;
    private readonly List<string> _errorLines = [];
    private readonly CancellationTokenRegistration _cancellation;
    private int _disposed;

    private MediaTool(Process process, CancellationToken cancellationToken)
    {
        _process = process;
        _process.ErrorDataReceived += OnErrorData;
        _process.BeginErrorReadLine();
        _cancellation = cancellationToken.Register(static state => ((MediaTool)state!).Kill(), this);
    }

    public Stream Output => _process.StandardOutput.BaseStream;

    public Stream Input => _process.StandardInput.BaseStream;

    public bool HasExited => _process.HasExited;

    /// <summary>The first non-empty stderr line, or null when the tool printed nothing.</summary>
    public string? FirstErrorLine
    {
        get
        {
            lock (_errorLines)
            {
                return _errorLines.Count > 0 ? _errorLines[0] : null;
            }
        }
    }

    /// <summary>
    /// The input URL for a local file: the <c>file:</c> protocol and a full path, so a name with a colon or a
    /// leading dash is never read as a protocol or an option.
    /// </summary>
    public static string InputUrl(string path) => "file:" + System.IO.Path.GetFullPath(path);

    /// <summary>Starts <paramref name="tool"/> ("ffmpeg" or "ffprobe", looked up on PATH).</summary>
    public static MediaTool Start(string tool, IEnumerable<string> arguments, bool writeInput, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo(tool)
        {
            UseShellExecute = false,
            RedirectStandardInput = writeInput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"{tool} was not found or could not run ({e.Message}); install ffmpeg (apt-get install ffmpeg, or scripts/lib/setup.sh does it)", e);
        }

        return new MediaTool(process, cancellationToken);
    }

    /// <summary>Waits for the process to end (stderr fully drained) and returns its exit code.</summary>
    public int WaitForExit()
    {
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>"ffmpeg said: …" text for an error message: the first stderr line, or the exit code.</summary>
    public string Describe()
    {
        string? line = FirstErrorLine;
        if (line is not null)
        {
            return line;
        }

        return _process.HasExited ? $"exit code {_process.ExitCode}, nothing on stderr" : "no message";
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _cancellation.Dispose();
        Kill();
        try
        {
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    private void OnErrorData(object sender, DataReceivedEventArgs e)
    {
        if (string.IsNullOrWhiteSpace(e.Data))
        {
            return;
        }

        lock (_errorLines)
        {
            if (_errorLines.Count < KeptErrorLines)
            {
                _errorLines.Add(e.Data.Trim());
            }
        }
    }
}
