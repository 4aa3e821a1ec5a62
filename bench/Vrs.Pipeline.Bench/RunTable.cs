using System.Globalization;

/// <summary>Prints the median run's breakdown and one line per run.</summary>
internal static class RunTable
{
    public static void PrintMedian(SegmentRun run, int number, int rounds)
    {
        double wall = run.Wall.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine($"median run (run {number} of {rounds}, by host share): {run.Frames} frames, {run.Candidates} candidates prompted, {run.TrackedCandidates} tracked, {run.FramesWithMask} frames with the target, {run.EncoderRuns} image-encoder runs, {run.AllocatedBytes / 1e6:F0} MB allocated, {run.GcPauses.TotalSeconds:F3} s of GC pauses (part of host)");
        Console.WriteLine();
        Console.WriteLine("| measure | seconds | share of wall |");
        Console.WriteLine("|---|---:|---:|");
        Row("wall (SegmentPipeline.Run + SegmentWriter.Write)", run.Wall, wall);
        Row("ONNX Runtime runs, LVLM (LvlmModel.OnnxTime)", run.Work.Lvlm, wall);
        Row("ONNX Runtime runs, SAM 2 (Sam2Model.OnnxTime)", run.Work.Sam2, wall);
        Row("video decoding (FrameSource.DecodeTime: ffprobe, ffmpeg start/stop, frame waits, YUV → RGB)", run.Work.Decode, wall);
        Row("writing (SegmentWriter.Write: RLE → mask image, PNG encode, files, report.json, commit)", run.Writing, wall);
        Row("**host (wall − ONNX − decoding − writing)**", run.Host, wall);
        Console.WriteLine();
        Console.WriteLine("| stage | wall s | LVLM s | SAM 2 s | decoding s | host s | detail |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (StageShare stage in run.Stages.Append(run.OutsideStages))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {stage.Stage} | {stage.Wall.TotalSeconds:F3} | {stage.Work.Lvlm.TotalSeconds:F3} | {stage.Work.Sam2.TotalSeconds:F3} | {stage.Work.Decode.TotalSeconds:F3} | {stage.Host.TotalSeconds:F3} | {stage.Detail} |"));
        }
    }

    public static void PrintAll(IReadOnlyList<SegmentRun> runs)
    {
        Console.WriteLine();
        Console.WriteLine("| run | wall s | LVLM s | SAM 2 s | decoding s | writing s | host s | host % | encoder runs / frames | candidates (tracked) | stages s |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (int i = 0; i < runs.Count; i++)
        {
            SegmentRun r = runs[i];
            string stages = string.Join(", ", r.Stages.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Stage} {s.Wall.TotalSeconds:F2}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {i + 1} | {r.Wall.TotalSeconds:F3} | {r.Work.Lvlm.TotalSeconds:F3} | {r.Work.Sam2.TotalSeconds:F3} | {r.Work.Decode.TotalSeconds:F3} | {r.Writing.TotalSeconds:F3} | {r.Host.TotalSeconds:F3} | {100 * r.HostShare:F1} | {r.EncoderRuns} / {r.Frames} | {r.Candidates} ({r.TrackedCandidates}) | {stages} |"));
        }
    }

    private static void Row(string what, TimeSpan time, double wall) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {what} | {time.TotalSeconds:F3} | {100 * time.TotalSeconds / wall:F1} % |"));
}
