using System.CommandLine;
using Vrs.Cli.Console;
using Vrs.Grounding.Maps;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Runtime;
using Vrs.Media.Video;

namespace Vrs.Cli.Commands;

/// <summary>
/// <c>vrs ground VIDEO --query TEXT --models DIR [--frames N] [--heatmaps DIR] [--json FILE]</c>: the LVLM half alone.
/// Samples frames, runs DecAF's object/background prompts (video and frame level) through the lvlm bundle, and reports
/// where the fused attention map peaks on each sampled frame; heatmap PNGs over the frames on request.
/// </summary>
internal static class GroundCommand
{
    public static Command Build()
    {
        var runtime = new RuntimeOptions();
        var video = new Argument<string>("VIDEO") { Description = "A video file or a folder of JPEG/PNG frames." };
        var query = new Option<string>("--query") { Description = "The sentence naming the object (an expression or a question).", Required = true, HelpName = "TEXT" };
        var models = new Option<DirectoryInfo>("--models") { Description = "The lvlm model bundle (a folder with vrs-model.json).", Required = true, HelpName = "DIR" };
        var frames = new Option<int>("--frames") { Description = "Frames sampled uniformly over the video (DecAF: 16).", DefaultValueFactory = _ => GroundingOptions.DefaultFrames, HelpName = "N" };
        var maxPixels = new Option<long>("--max-pixels") { Description = "Pixel budget per frame of the video prompt (DecAF: 313600 = 400 tokens).", DefaultValueFactory = _ => GroundingOptions.DefaultVideoMaxPixels, HelpName = "N" };
        var noFrameMaps = new Option<bool>("--no-frame-maps") { Description = "Skip the per-frame image prompts (video-level maps only; 2 prefills instead of 2 + 2·N)." };
        var noBackground = new Option<bool>("--no-background") { Description = "Skip the background prompt (no object-minus-background contrast)." };
        var heatmaps = new Option<DirectoryInfo?>("--heatmaps") { Description = "Write heatmap PNGs over the sampled frames: DIR/fused, DIR/video (and DIR/frame).", HelpName = "DIR" };
        var json = new Option<FileInfo?>("--json") { Description = "Write the report (answer, peaks, maps) as JSON.", HelpName = "FILE" };
        var attributes = new Option<bool>("--attributes") { Description = "Also ask the model to describe the target on the keyframe (SteerSeg's attribute pass)." };
        var box = new Option<bool>("--box") { Description = "Also ask the model for the target's box on the keyframe (Veason-R1's keyframe + box mode)." };
        var quiet = new Option<bool>("--quiet") { Description = "No status lines on stderr (errors still print)." };
        var keyframe = new Option<int?>("--keyframe") { Description = "Video frame for --attributes/--box: the sampled frame nearest to it (default: the middle sampled frame).", HelpName = "FRAME" };
        var command = new Command("ground", "The LVLM alone: attention-rollout maps of the object a sentence names, on sampled frames.")
        {
            video, query, models, frames, maxPixels, noFrameMaps, noBackground, heatmaps, json, attributes, box, keyframe, quiet,
        };
        runtime.AddTo(command);
        // `error` below is the status stream (silenced by --quiet); failures still reach the real stderr through CliErrors.
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            TextWriter error = parse.GetValue(quiet) ? TextWriter.Null : parse.InvocationConfiguration.Error;
            int frameCount = parse.GetValue(frames);
            if (frameCount < 1)
            {
                throw new UsageException($"--frames {frameCount}: sample at least one frame.");
            }

            long pixels = parse.GetValue(maxPixels);
            if (pixels < QwenVisionConfig.DefaultMinPixels)
            {
                throw new UsageException($"--max-pixels {pixels}: at least {QwenVisionConfig.DefaultMinPixels} (4 tokens).");
            }

            string text = parse.GetRequiredValue(query);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("--query is empty; say which object to find, e.g. --query \"the dog jumping over the fence\".");
            }

            RuntimeChoice choice = runtime.Read(parse);
            choice.Load();
            using LvlmModel model = LvlmModel.Open(parse.GetRequiredValue(models).FullName, choice.Settings);
            await error.WriteLineAsync($"lvlm        {model.Label} · {model.Manifest.Directory}");
            string videoPath = parse.GetRequiredValue(video);
            (List<RgbFrame> sampled, int[] indices, VideoSummary summary) = SampledFrames.Read(videoPath, frameCount, cancellationToken);
            await error.WriteLineAsync($"video       {summary.FrameCount} frames {summary.Width}×{summary.Height} · sampled {indices.Length}");
            var options = new GroundingOptions
            {
                VideoMaxPixels = pixels,
                FrameMaps = !parse.GetValue(noFrameMaps),
                BackgroundContrast = !parse.GetValue(noBackground),
            };
            var grounder = new VideoGrounder(model, options);
            grounder.PassCompleted += (pass, detail) => error.WriteLine($"{pass,-11} {detail}");
            var counter = new ProgressCounter(grounder.PromptCount(sampled.Count));
            grounder.PromptCompleted += () => counter.Report(1);
            var display = new ProgressDisplay(parse.InvocationConfiguration.Error, parse.GetValue(quiet));
            GroundingResult result = await display.RunAsync("maps", "prompts", counter, () => Task.Run(() => grounder.Ground(sampled, indices, text, cancellationToken), cancellationToken));
            KeyframeAnswers? answers = null;
            if (parse.GetValue(attributes) || parse.GetValue(box))
            {
                int at = NearestSampled(indices, parse.GetValue(keyframe) ?? indices[indices.Length / 2]);
                answers = KeyframeAnswers.Ask(model, sampled[at], text, parse.GetValue(attributes), parse.GetValue(box), cancellationToken);
                await error.WriteLineAsync($"keyframe    frame {sampled[at].Index}{(answers.BoxAnswer is null ? string.Empty : " · box asked")}{(answers.Attributes is null ? string.Empty : " · attributes asked")}");
            }

            var report = GroundReport.Create(videoPath, text, model, sampled, result, answers);
            await parse.InvocationConfiguration.Output.WriteAsync(report.Table());

            if (parse.GetValue(heatmaps) is { } heatmapFolder)
            {
                Pipeline.Output.HeatmapOutput.Write(heatmapFolder.FullName, sampled, result);
                await error.WriteLineAsync($"wrote       {heatmapFolder.FullName} ({indices.Length} frames)");
            }

            if (parse.GetValue(json) is { } jsonFile)
            {
                report.WriteJson(jsonFile.FullName);
                await error.WriteLineAsync($"wrote       {jsonFile.FullName}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static int NearestSampled(int[] indices, int frame)
    {
        int best = 0;
        for (int i = 1; i < indices.Length; i++)
        {
            if (Math.Abs(indices[i] - frame) < Math.Abs(indices[best] - frame))
            {
                best = i;
            }
        }

        return best;
    }
}
