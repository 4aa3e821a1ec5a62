using System.CommandLine;
using System.Globalization;
using Vrs.Pipeline.Segment;

namespace Vrs.Cli.Commands;

/// <summary>
/// <c>vrs segment VIDEO --query TEXT</c>: the whole method, one video and one sentence → one mask per frame, a report,
/// and on request an overlay, heatmaps, RLE and scores against ground truth. Parses, calls
/// <see cref="SegmentPipeline"/>, prints.
/// </summary>
internal static class SegmentCommand
{
    public static Command Build()
    {
        var runtime = new RuntimeOptions();
        var video = new Argument<string>("VIDEO") { Description = "A video file (any container ffmpeg reads) or a folder of JPEG/PNG frames." };
        var query = new Option<string>("--query") { Description = "The sentence: an expression (\"the dog jumping over the fence\") or a question.", Required = true, HelpName = "TEXT" };
        var models = new Option<DirectoryInfo?>("--models") { Description = $"Folder with an lvlm/ and a sam2/ bundle (default: ${DoctorCommand.ModelsEnvironmentVariable}, else the repository's models/).", HelpName = "DIR" };
        var output = new Option<DirectoryInfo?>("--out") { Description = "Folder for the mask PNGs and report.json (default: ./<video name>).", HelpName = "DIR" };
        var mode = new Option<string>("--mode") { Description = "attention (SteerSeg: attention maps, ranked tracklets) or box (Veason-R1: keyframe and boxes from the answer).", DefaultValueFactory = _ => "attention", HelpName = "attention|box" };
        mode.AcceptOnlyFromAmong("attention", "box");
        var cot = new Option<bool>("--cot") { Description = "One-step chain of thought: the LVLM first names the target's colour, position and motion; they join the query." };
        var anchors = new Option<int>("--anchors") { Description = "Re-track the chosen object from its K best keyframes as extra prompted frames (VIRST's anchors); 0: off.", HelpName = "K" };
        var frames = new Option<int?>("--frames") { Description = "Frames sampled for the LVLM (default 16; box mode 8).", HelpName = "N" };
        var overlay = new Option<FileInfo?>("--overlay") { Description = "Also write an mp4 with the mask and the query drawn over the video.", HelpName = "FILE" };
        var heatmaps = new Option<DirectoryInfo?>("--heatmaps") { Description = "Also write heatmap PNGs of the maps over the sampled frames (fused/, video/, frame/).", HelpName = "DIR" };
        var rle = new Option<FileInfo?>("--rle") { Description = "Also write the masks as COCO RLE JSON ({frame: {\"1\": rle}}).", HelpName = "FILE" };
        var gt = new Option<DirectoryInfo?>("--gt") { Description = "Score the masks against ground-truth PNGs named like the frames (J, F, J&F).", HelpName = "DIR" };
        var failUnder = new Option<double?>("--fail-under") { Description = "With --gt: exit 1 when J&F is below this value (a CI gate).", HelpName = "JF" };
        var frameWeight = new Option<float?>("--frame-weight") { Description = "Weight of the frame-level map in the ranking (default: the bundle's steerseg_frame_weight, else 0.3).", HelpName = "W" };
        var minScore = new Option<float?>("--min-score") { Description = "Below this ranking score the answer is 'no target' (default: the bundle's steerseg_min_score, else 0.2).", HelpName = "S" };
        var json = new Option<bool>("--json") { Description = "Print report.json on stdout instead of the summary." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress or status lines on stderr (errors still print)." };
        var command = new Command("segment", "The whole method: a video and a sentence → one mask per frame of the object the sentence means.")
        {
            video, query, models, output, mode, cot, anchors, frames, overlay, heatmaps, rle, gt, failUnder, frameWeight, minScore, json, quiet,
        };
        runtime.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            TextWriter status = parse.GetValue(quiet) ? TextWriter.Null : parse.InvocationConfiguration.Error;
            string text = parse.GetRequiredValue(query);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("--query is empty; say which object to find, e.g. --query \"the dog jumping over the fence\".");
            }

            var options = new SegmentOptions
            {
                Mode = parse.GetValue(mode) == "box" ? SegmentMode.Box : SegmentMode.Attention,
                ChainOfThought = parse.GetValue(cot),
                Anchors = Check(parse.GetValue(anchors), 0, 16, "--anchors"),
                Frames = parse.GetValue(frames) is { } n ? Check(n, 1, 256, "--frames") : null,
                FrameWeight = parse.GetValue(frameWeight) is { } w ? CheckUnit(w, "--frame-weight") : null,
                MinScore = parse.GetValue(minScore),
            };
            if (parse.GetValue(failUnder) is not null && parse.GetValue(gt) is null)
            {
                throw new UsageException("--fail-under needs --gt DIR (the ground truth to score against).");
            }

            string videoPath = parse.GetRequiredValue(video);
            string modelsFolder = ModelFolders.Resolve(parse.GetValue(models));
            string lvlmPath = ModelFolders.Bundle(modelsFolder, "lvlm", "Export one with scripts/export_qwen_vl.py");
            string sam2Path = ModelFolders.Bundle(modelsFolder, "sam2", "Export one with scripts/export_sam2.py");
            string outFolder = parse.GetValue(output)?.FullName ?? Path.GetFullPath(DefaultFolderName(videoPath));

            var run = new SegmentRun(
                videoPath,
                text,
                lvlmPath,
                sam2Path,
                options,
                new SegmentOutputs(outFolder, parse.GetValue(overlay)?.FullName, parse.GetValue(heatmaps)?.FullName, parse.GetValue(rle)?.FullName),
                parse.GetValue(gt)?.FullName,
                parse.GetValue(failUnder),
                parse.GetValue(json));
            return await run.ExecuteAsync(runtime.Read(parse), status, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        }));
        return command;
    }

    /// <summary>The default output folder: the video's file name without extension (a frame folder's own name).</summary>
    internal static string DefaultFolderName(string videoPath)
    {
        string trimmed = videoPath.TrimEnd('/', '\\');
        return Directory.Exists(trimmed) ? Path.GetFileName(trimmed) + "-masks" : Path.GetFileNameWithoutExtension(trimmed);
    }

    private static int Check(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new UsageException($"{name} {value}: expected a whole number from {min} to {max}.");

    private static float CheckUnit(float value, string name) =>
        value is >= 0 and <= 1 ? value : throw new UsageException($"{name} {value.ToString(CultureInfo.InvariantCulture)}: expected a weight from 0 to 1.");
}
