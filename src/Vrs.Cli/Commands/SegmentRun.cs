using System.Globalization;
using System.Text;
using Vrs.Cli.Console;
using Vrs.Grounding.Runtime;
using Vrs.Pipeline.Scoring;
using Vrs.Pipeline.Segment;
using Vrs.Segmentation;

namespace Vrs.Cli.Commands;

/// <summary>
/// One <c>vrs segment</c> run as the CLI does it, once its arguments are read: open both bundles, check the ground
/// truth, run the pipeline with stage lines on stderr, score, write, print. <c>vrs demo</c> runs the same.
/// </summary>
internal sealed record SegmentRun(
    string Video,
    string Query,
    string LvlmBundle,
    string Sam2Bundle,
    SegmentOptions Options,
    SegmentOutputs Outputs,
    string? GroundTruth,
    double? FailUnder,
    bool Json)
{
    public async Task<int> ExecuteAsync(RuntimeChoice runtime, TextWriter status, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        runtime.Load();
        using LvlmModel lvlm = LvlmModel.Open(LvlmBundle, runtime.Settings);
        using Sam2Model sam2 = Sam2Model.Open(Sam2Bundle, runtime.Settings);
        var models = new SegmentModels(lvlm, sam2);
        ModelsReport described = models.Describe();
        await status.WriteLineAsync($"lvlm        {described.Lvlm} · {LvlmBundle}");
        await status.WriteLineAsync($"sam2        {described.Sam2} · {Sam2Bundle}");

        GroundTruthScorer? scorer = null;
        if (GroundTruth is not null)
        {
            using var probe = Media.Video.FrameSource.Open(Video, cancellationToken: cancellationToken);
            scorer = GroundTruthScorer.Open(GroundTruth, probe.Frames, probe.SourceWidth, probe.SourceHeight);
        }

        var printer = new StagePrinter(status);
        SegmentResult result = await Task.Run(() => SegmentPipeline.Run(models, Video, Query, Options, printer, cancellationToken), cancellationToken);
        if (scorer is not null)
        {
            result.Report.Scores = scorer.Score(result.Masks);
        }

        await Task.Run(() => SegmentWriter.Write(result, Outputs, cancellationToken: cancellationToken), cancellationToken);
        await status.WriteLineAsync($"wrote       {Outputs.MaskFolder}/ ({result.Masks.Frames.Count} masks, {result.Report.FramesWithMask} with the target), {Outputs.MaskFolder}/{SegmentWriter.ReportFileName}");
        foreach (string? extra in new[] { Outputs.OverlayFile, Outputs.HeatmapFolder, Outputs.RleFile })
        {
            if (extra is not null)
            {
                await status.WriteLineAsync($"wrote       {extra}");
            }
        }

        await output.WriteAsync(Json ? SegmentWriter.ToJson(result.Report) + Environment.NewLine : Summary(result.Report));
        if (result.Report.Scores is { } scores && FailUnder is { } floor && scores.JF < floor)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error: J&F {scores.JF:F2} is below --fail-under {floor:F2}"));
            return ExitCodes.Failure;
        }

        return ExitCodes.Success;
    }

    private static string Summary(SegmentReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"query:   {report.Query}");
        text.AppendLine(CultureInfo.InvariantCulture, $"answer:  {report.Answer}");
        text.AppendLine(report.NoTarget ? $"result:  no target — {report.Reason}" : $"result:  {report.FramesWithMask} of {report.Frames} frames hold the target — {report.Reason}");
        if (report.Scores is { } s)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"scores:  J {s.J:F2}  F {s.F:F2}  J&F {s.JF:F2}  ({s.Frames} frames of {s.GroundTruth})");
        }

        if (report.Models.LvlmStandin || report.Models.Sam2Standin)
        {
            text.AppendLine("note:    stand-in models were used (NOT the real Qwen2-VL / SAM 2); export real ones with scripts/export_qwen_vl.py and scripts/export_sam2.py");
        }

        return text.ToString();
    }
}
