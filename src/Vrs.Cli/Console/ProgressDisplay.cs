using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Vrs.Cli.Console;

/// <summary>
/// Shows a stage's progress on stderr: a live bar on a terminal, a plain line about every two seconds when
/// stderr is redirected (CI logs), nothing with <c>--quiet</c>. stdout is left to results.
/// </summary>
internal sealed class ProgressDisplay
{
    private static readonly TimeSpan s_plainInterval = TimeSpan.FromSeconds(2);
    private readonly TextWriter _error;
    private readonly bool _quiet;
    private readonly bool _live;

    public ProgressDisplay(TextWriter error, bool quiet)
    {
        _error = error;
        _quiet = quiet;
        _live = !quiet && ReferenceEquals(error, System.Console.Error) && !System.Console.IsErrorRedirected;
    }

    /// <summary>Runs <paramref name="work"/> while showing how far <paramref name="counter"/> has got.</summary>
    public async Task<T> RunAsync<T>(string label, string unit, ProgressCounter counter, Func<Task<T>> work)
    {
        if (_quiet)
        {
            return await work();
        }

        if (_live)
        {
            return await RunLiveAsync(label, counter, work);
        }

        return await RunPlainAsync(label, unit, counter, work);
    }

    private static async Task<T> RunLiveAsync<T>(string label, ProgressCounter counter, Func<Task<T>> work)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Error),
            Interactive = InteractionSupport.Detect,
            Ansi = AnsiSupport.Detect,
        });
        T result = default!;
        await new Progress(console)
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                ProgressTask task = context.AddTask(label, autoStart: true, maxValue: Math.Max(1, counter.Total));
                Task<T> running = work();
                while (!running.IsCompleted)
                {
                    task.Value = counter.Done;
                    await Task.WhenAny(running, Task.Delay(100));
                }

                task.Value = counter.Done;
                result = await running;
            });
        return result;
    }

    private async Task<T> RunPlainAsync<T>(string label, string unit, ProgressCounter counter, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        Task<T> running = work();
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(s_plainInterval));
            if (!running.IsCompleted)
            {
                await WriteLineAsync(label, unit, counter, clock.Elapsed);
            }
        }

        T result = await running;
        await WriteLineAsync(label, unit, counter, clock.Elapsed);
        return result;
    }

    private Task WriteLineAsync(string label, string unit, ProgressCounter counter, TimeSpan elapsed)
    {
        long done = counter.Done;
        double percent = counter.Total == 0 ? 100 : 100.0 * done / counter.Total;
        return _error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{label}: {done}/{counter.Total} {unit} ({percent:0}%), {elapsed.TotalSeconds:0.0} s"));
    }
}
