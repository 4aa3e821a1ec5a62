/// <summary>One timed segment run: where its wall time went, and what the report says about encoder runs and candidates.</summary>
internal sealed record SegmentRun(
    TimeSpan Wall,
    TimeSpan Writing,
    WorkCounters Work,
    IReadOnlyList<StageShare> Stages,
    int Frames,
    int EncoderRuns,
    int Candidates,
    int TrackedCandidates,
    int FramesWithMask,
    long AllocatedBytes,
    TimeSpan GcPauses)
{
    /// <summary>Wall − ONNX runs (LVLM + SAM 2) − video decoding − writing.</summary>
    public TimeSpan Host => Wall - Work.Onnx - Work.Decode - Writing;

    public double HostShare => Host / Wall;

    /// <summary>Pipeline time outside every stage: opening SAM 2's frames, the mask union, counting masked frames.</summary>
    public StageShare OutsideStages
    {
        get
        {
            TimeSpan pipelineWall = Wall - Writing;
            WorkCounters inStages = Stages.Aggregate(default(WorkCounters), (sum, s) => sum + s.Work);
            TimeSpan stagesWall = Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Wall);
            return new StageShare("(between stages)", pipelineWall - stagesWall, Work - inStages, "open SAM 2's frames, mask union, masked-frame count");
        }
    }
}
