using System.Diagnostics;
using System.Globalization;
using Vrs.Pipeline.Segment;

namespace Vrs.Cli.Console;

/// <summary>
/// Prints a run's stages on stderr: one line per finished stage (name, what it found, seconds), and while a long stage
/// runs a counter line about every two seconds (the same plain form on a terminal and in a CI log).
/// </summary>
internal sealed class StagePrinter(TextWriter error) : IStageProgress
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(2);
    private readonly Lock _lock = new();
    private string _stage = string.Empty;
    private string _unit = string.Empty;
    private long _total;
    private long _done;
    private long _lastLine;

    public void StageStarted(string stage, long total, string unit)
    {
        lock (_lock)
        {
            (_stage, _total, _unit, _done, _lastLine) = (stage, total, unit, 0, Stopwatch.GetTimestamp());
        }
    }

    public void Advance(long steps = 1)
    {
        lock (_lock)
        {
            _done += steps;
            if (_total > 0 && Stopwatch.GetElapsedTime(_lastLine) >= s_interval)
            {
                _lastLine = Stopwatch.GetTimestamp();
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_stage,-11} {_done}/{_total} {_unit} ({100.0 * _done / _total:0}%)"));
            }
        }
    }

    public void StageCompleted(string stage, string detail, TimeSpan elapsed)
    {
        lock (_lock)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-11} {detail}  {elapsed.TotalSeconds:0.0} s"));
        }
    }
}
