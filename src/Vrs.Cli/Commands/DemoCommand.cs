using System.CommandLine;
using Vrs.Grounding.StandIn;
using Vrs.Pipeline.Segment;
using Vrs.Pipeline.Synthetic;
using Vrs.Segmentation;

namespace Vrs.Cli.Commands;

/// <summary>
/// <c>vrs demo</c>: a newcomer's first run. Writes a synthetic clip with known ground truth and the stand-in bundles
/// into a folder, runs <c>vrs segment</c> on it with a reasoning-style query, writes masks, overlay, heatmaps and the
/// report, prints J&amp;F against the ground truth, and says plainly that stand-in models were used.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultScene = "late-entry";

    public const string DefaultQuery = "the yellow thing that appears later";

    public static Command Build()
    {
        var runtime = new RuntimeOptions();
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the clip, the stand-in models and every output.", DefaultValueFactory = _ => new DirectoryInfo("vrs-demo"), HelpName = "DIR" };
        var scene = new Option<string>("--scene") { Description = $"Which synthetic scene: {string.Join(", ", SceneCatalog.Names)}.", DefaultValueFactory = _ => DefaultScene, HelpName = "NAME" };
        var query = new Option<string?>("--query") { Description = "One of the scene's queries (default: a reasoning-style one; an unknown one lists them).", HelpName = "TEXT" };
        var mode = new Option<string>("--mode") { Description = "attention or box, as for vrs segment.", DefaultValueFactory = _ => "attention", HelpName = "attention|box" };
        mode.AcceptOnlyFromAmong("attention", "box");
        var quiet = new Option<bool>("--quiet") { Description = "No progress or status lines on stderr (errors still print)." };
        var command = new Command("demo", "A first run: writes a synthetic clip with ground truth and the stand-in models, segments it, scores it.")
        {
            output, scene, query, mode, quiet,
        };
        runtime.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            TextWriter status = parse.GetValue(quiet) ? TextWriter.Null : parse.InvocationConfiguration.Error;
            string name = parse.GetValue(scene) ?? DefaultScene;
            SyntheticScene chosen = SceneCatalog.Names.Contains(name)
                ? SceneCatalog.Get(name)
                : throw new UsageException($"--scene {name}: no such scene; the scenes are {string.Join(", ", SceneCatalog.Names)}.");
            string text = parse.GetValue(query) ?? (name == DefaultScene ? DefaultQuery : chosen.Queries[0].Text);
            SceneQuery picked = chosen.Queries.FirstOrDefault(q => q.Text == text)
                ?? throw new UsageException($"--query \"{text}\": the demo knows the ground truth of this scene's queries only: {string.Join("; ", chosen.Queries.Select(q => $"\"{q.Text}\""))}.");

            string folder = parse.GetValue(output)!.FullName;
            string video = Path.Combine(folder, chosen.Name + ".mp4");
            string gt = Path.Combine(folder, chosen.Name + "-gt");
            await status.WriteLineAsync($"demo        writing {chosen.Name}: {chosen.FrameCount} frames {chosen.Width}×{chosen.Height}, {chosen.Objects.Count} objects, its ground truth and the stand-in models into {folder}");
            await Task.Run(
                () =>
                {
                    SceneWriter.WriteVideo(chosen, video, cancellationToken);
                    SceneWriter.WriteGroundTruth(chosen, picked.TargetIds, gt, cancellationToken);
                    LvlmStandIn.Write(Path.Combine(folder, "models", "lvlm"));
                    Sam2StandIn.Write(Path.Combine(folder, "models", "sam2"));
                },
                cancellationToken);

            var run = new SegmentRun(
                video,
                picked.Text,
                Path.Combine(folder, "models", "lvlm"),
                Path.Combine(folder, "models", "sam2"),
                new SegmentOptions { Mode = parse.GetValue(mode) == "box" ? SegmentMode.Box : SegmentMode.Attention },
                new SegmentOutputs(Path.Combine(folder, "masks"), Path.Combine(folder, "overlay.mp4"), Path.Combine(folder, "heatmaps")),
                gt,
                FailUnder: null,
                Json: false);
            int code = await run.ExecuteAsync(runtime.Read(parse), status, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"""

                This demo used vrs's STAND-IN models: tiny analytic ONNX graphs with the real contracts (the "LVLM" attends to
                the colour a query names, the "SAM 2" segments by colour), so every step runs here without weights. They
                are not Qwen2-VL or SAM 2, and their scores say nothing about the real method.
                Look at: {Path.Combine(folder, "overlay.mp4")}, {Path.Combine(folder, "heatmaps", "fused")}/, {Path.Combine(folder, "masks", SegmentWriter.ReportFileName)}
                Real models: python scripts/export_sam2.py … --out models/sam2 and python scripts/export_qwen_vl.py … --out models/lvlm
                (see README.md), then: vrs segment video.mp4 --query "..." --models models
                """);
            return code;
        }));
        return command;
    }
}
