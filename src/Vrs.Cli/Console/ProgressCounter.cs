namespace Vrs.Cli.Console;

/// <summary>A thread-safe counter that workers advance and the progress display polls.</summary>
internal sealed class ProgressCounter : IProgress<long>
{
    private long _done;

    public ProgressCounter(long total) => Total = total;

    public long Total { get; }

    public long Done => Interlocked.Read(ref _done);

    public void Report(long value) => Interlocked.Add(ref _done, value);
}
