namespace Vrs.Pipeline.Segment;

/// <summary>Where a run reports its stages: one start and one end per stage, and steps in between for a counter.</summary>
public interface IStageProgress
{
    void StageStarted(string stage, long total, string unit);

    void Advance(long steps = 1);

    void StageCompleted(string stage, string detail, TimeSpan elapsed);
}

/// <summary>Reports nothing.</summary>
public sealed class SilentProgress : IStageProgress
{
    public static SilentProgress Instance { get; } = new();

    public void StageStarted(string stage, long total, string unit)
    {
    }

    public void Advance(long steps = 1)
    {
    }

    public void StageCompleted(string stage, string detail, TimeSpan elapsed)
    {
    }
}
