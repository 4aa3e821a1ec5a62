using Vrs.Media.Video;
using Vrs.Pipeline.Segment;

/// <summary>The product's always-on counters at one moment: time inside LVLM and SAM 2 ONNX runs, and in video decoding.</summary>
internal readonly record struct WorkCounters(TimeSpan Lvlm, TimeSpan Sam2, TimeSpan Decode)
{
    public TimeSpan Onnx => Lvlm + Sam2;

    public static WorkCounters Read(SegmentModels models) => new(models.Lvlm.OnnxTime, models.Sam2.OnnxTime, FrameSource.DecodeTime);

    public static WorkCounters operator -(WorkCounters a, WorkCounters b) => new(a.Lvlm - b.Lvlm, a.Sam2 - b.Sam2, a.Decode - b.Decode);

    public static WorkCounters operator +(WorkCounters a, WorkCounters b) => new(a.Lvlm + b.Lvlm, a.Sam2 + b.Sam2, a.Decode + b.Decode);
}
