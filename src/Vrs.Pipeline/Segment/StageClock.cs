using System.Diagnostics;

namespace Vrs.Pipeline.Segment;

/// <summary>Times the stages of a run into its report and tells the progress sink.</summary>
internal sealed class StageClock(SegmentReport report, IStageProgress progress)
{
    private long _started;
    private string _stage = string.Empty;

    public IStageProgress Progress { get; } = progress;

    public void Start(string stage, long total = 0, string unit = "")
    {
        _stage = stage;
        _started = Stopwatch.GetTimestamp();
        Progress.StageStarted(stage, total, unit);
    }

    public void Done(string detail)
    {
        TimeSpan elapsed = Stopwatch.GetElapsedTime(_started);
        report.TimingsSeconds[_stage] = Math.Round(elapsed.TotalSeconds + report.TimingsSeconds.GetValueOrDefault(_stage), 3);
        Progress.StageCompleted(_stage, detail, elapsed);
    }
}
