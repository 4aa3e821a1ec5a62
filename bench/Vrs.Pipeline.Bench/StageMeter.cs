using System.Diagnostics;
using Vrs.Pipeline.Segment;

/// <summary>
/// A progress sink that snapshots the counters at each stage's start and end, so every stage's wall time splits into
/// ONNX, decoding and host work; what falls between stages (opening SAM 2's frames, the mask union) is kept apart.
/// </summary>
internal sealed class StageMeter(SegmentModels models) : IStageProgress
{
    private readonly List<StageShare> _stages = [];
    private WorkCounters _atStart;
    private long _startedAt;

    public IReadOnlyList<StageShare> Stages => _stages;

    public void StageStarted(string stage, long total, string unit)
    {
        _atStart = WorkCounters.Read(models);
        _startedAt = Stopwatch.GetTimestamp();
    }

    public void Advance(long steps = 1)
    {
    }

    public void StageCompleted(string stage, string detail, TimeSpan elapsed)
    {
        _stages.Add(new StageShare(stage, Stopwatch.GetElapsedTime(_startedAt), WorkCounters.Read(models) - _atStart, detail));
    }
}

/// <summary>One stage's wall time, the counters' growth over it, and its one-line detail.</summary>
internal sealed record StageShare(string Stage, TimeSpan Wall, WorkCounters Work, string Detail)
{
    public TimeSpan Host => Wall - Work.Onnx - Work.Decode;
}
