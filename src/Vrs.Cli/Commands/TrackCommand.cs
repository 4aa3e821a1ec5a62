using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Vrs.Cli.Console;
using Vrs.Media.IO;
using Vrs.Pipeline.Output;
using Vrs.Pipeline.Tracking;
using Vrs.Segmentation;

namespace Vrs.Cli.Commands;

/// <summary>
/// <c>vrs track VIDEO --models DIR (--point X,Y[,0|1]@FRAME | --box X1,Y1,X2,Y2@FRAME)... [--object ID] --out DIR</c>:
/// SAM 2 alone. Prompts after <c>--object ID</c> belong to that object (default 1); every object is tracked forward
/// from the earliest prompted frame and then backward to frame 0.
/// </summary>
internal static class TrackCommand
{
    public static Command Build()
    {
        var runtime = new RuntimeOptions();
        var video = new Argument<string>("VIDEO") { Description = "A video file or a folder of JPEG/PNG frames." };
        var models = new Option<DirectoryInfo>("--models") { Description = "The sam2 model bundle (a folder with vrs-model.json).", Required = true, HelpName = "DIR" };
        var point = new Option<string[]>("--point") { Description = "A click X,Y (label 1) or X,Y,0|1 on a frame, in video pixels: X,Y[,L]@FRAME. Repeatable.", HelpName = "X,Y[,0|1]@FRAME", AllowMultipleArgumentsPerToken = false };
        var box = new Option<string[]>("--box") { Description = "A box X1,Y1,X2,Y2@FRAME in video pixels. Repeatable (one box per object and frame).", HelpName = "X1,Y1,X2,Y2@FRAME" };
        var objectId = new Option<int[]>("--object") { Description = "The object (1..255) the prompts after this option belong to; default 1.", HelpName = "ID" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for one mask PNG per frame (0/255 union of objects; --palette for object ids).", Required = true, HelpName = "DIR" };
        var overlay = new Option<FileInfo?>("--overlay") { Description = "Also write an mp4 with the masks drawn over the video.", HelpName = "FILE" };
        var rle = new Option<FileInfo?>("--rle") { Description = "Also write every object's masks as COCO RLE JSON ({frame: {object id: rle}}).", HelpName = "FILE" };
        var palette = new Option<bool>("--palette") { Description = "Indexed PNGs (DAVIS palette) holding each pixel's object id." };
        var nonOverlap = new Option<bool>("--non-overlap") { Description = "Give each pixel to at most one object (the highest logit)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress or status lines on stderr (errors still print)." };
        var command = new Command("track", "SAM 2 alone: clicks or boxes on one or more frames → masks for the whole video.")
        {
            video, models, point, box, objectId, output, overlay, rle, palette, nonOverlap, quiet,
        };
        runtime.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            TextWriter error = parse.InvocationConfiguration.Error;
            TextWriter status = parse.GetValue(quiet) ? TextWriter.Null : error;
            List<ObjectPrompts> prompts = ReadPrompts(parse.Tokens);
            RuntimeChoice choice = runtime.Read(parse);
            choice.Load();
            using Sam2Model model = Sam2Model.Open(parse.GetRequiredValue(models).FullName, choice.Settings);
            string label = model.IsStandIn ? "stand-in bundle (NOT the real SAM 2)" : $"sam2 {model.Settings.ModelVersion}";
            await status.WriteLineAsync($"sam2        {label} · {model.Manifest.Directory}");
            string videoPath = parse.GetRequiredValue(video);
            using FrameSourceProvider frames = FrameSourceProvider.Open(videoPath, model.Settings.ImageSize, cancellationToken);
            await status.WriteLineAsync($"video       {frames.FrameCount} frames {frames.Width}×{frames.Height}");
            var predictor = new Sam2VideoPredictor(model, frames);
            try
            {
                foreach (ObjectPrompts prompt in prompts)
                {
                    predictor.AddNewPointsOrBox(prompt.Frame, prompt.ObjectId, prompt.Points, prompt.Box, clearOldPoints: !prompt.Append, cancellationToken);
                }
            }
            catch (ArgumentException exception)
            {
                throw new UsageException($"{videoPath}: {FirstLine(exception.Message)}");
            }

            var tracker = new MaskTracker(predictor, frames.Width, frames.Height);
            var counter = new ProgressCounter(frames.FrameCount);
            tracker.FrameTracked += () => counter.Report(1);
            var display = new ProgressDisplay(error, parse.GetValue(quiet));
            IReadOnlyList<Tracklet> tracklets = await display.RunAsync("tracking", "frames", counter, () => Task.Run(
                () => tracker.Track(null, parse.GetValue(nonOverlap), cancellationToken), cancellationToken));

            var masks = new TrackedMasks(frames.Frames, frames.Width, frames.Height, [.. tracklets.Select(t => new ObjectMasks(t.Id, t.Masks))]);
            var request = new MaskOutputRequest
            {
                VideoPath = videoPath,
                MaskFolder = parse.GetRequiredValue(output).FullName,
                Palette = parse.GetValue(palette),
                RleFile = parse.GetValue(rle)?.FullName,
                OverlayFile = parse.GetValue(overlay)?.FullName,
            };
            using (var staging = new OutputStaging())
            {
                MaskOutputWriter.Write(staging, request, masks, cancellationToken: cancellationToken);
                staging.Commit();
            }

            await status.WriteLineAsync($"wrote       {request.MaskFolder} ({frames.FrameCount} masks, {tracklets.Count} object{(tracklets.Count == 1 ? "" : "s")})");
            foreach (string? extra in new[] { request.RleFile, request.OverlayFile })
            {
                if (extra is not null)
                {
                    await status.WriteLineAsync($"wrote       {extra}");
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>One prompt for one object on one frame (points of the same object and frame are merged).</summary>
    internal sealed record ObjectPrompts(int ObjectId, int Frame, List<PointPrompt> Points, BoxPrompt? Box, bool Append);

    /// <summary>Reads the prompts in command-line order, so <c>--object ID</c> applies to the prompts after it.</summary>
    internal static List<ObjectPrompts> ReadPrompts(IReadOnlyList<Token> tokens)
    {
        var prompts = new List<ObjectPrompts>();
        int current = 1;
        for (int i = 0; i < tokens.Count; i++)
        {
            string name = tokens[i].Value;
            if (name is not ("--object" or "--point" or "--box") || tokens[i].Type != TokenType.Option)
            {
                continue;
            }

            if (i + 1 >= tokens.Count)
            {
                throw new UsageException($"{name} needs a value.");
            }

            string value = tokens[++i].Value;
            switch (name)
            {
                case "--object":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out current) || current is < 1 or > 255)
                    {
                        throw new UsageException($"--object {value}: an object id is a whole number from 1 to 255.");
                    }

                    break;
                case "--point":
                {
                    (float[] numbers, int frame) = Parse(value, "--point", "X,Y[,0|1]@FRAME", 2, 3);
                    PointLabel labelValue = numbers.Length == 3 ? numbers[2] switch
                    {
                        0 => PointLabel.Negative,
                        1 => PointLabel.Positive,
                        _ => throw new UsageException($"--point {value}: the label is 0 (negative) or 1 (positive)."),
                    } : PointLabel.Positive;
                    var p = new PointPrompt(numbers[0], numbers[1], labelValue);
                    ObjectPrompts? same = prompts.Find(x => x.ObjectId == current && x.Frame == frame);
                    if (same is not null)
                    {
                        same.Points.Add(p);
                    }
                    else
                    {
                        prompts.Add(new ObjectPrompts(current, frame, [p], null, false));
                    }

                    break;
                }

                default:
                {
                    (float[] numbers, int frame) = Parse(value, "--box", "X1,Y1,X2,Y2@FRAME", 4, 4);
                    if (prompts.Exists(x => x.ObjectId == current && x.Frame == frame))
                    {
                        throw new UsageException($"--box {value}: object {current} already has a prompt on frame {frame}; give its box first.");
                    }

                    prompts.Add(new ObjectPrompts(current, frame, [], new BoxPrompt(numbers[0], numbers[1], numbers[2], numbers[3]), false));
                    break;
                }
            }
        }

        if (prompts.Count == 0)
        {
            throw new UsageException("give at least one --point X,Y@FRAME or --box X1,Y1,X2,Y2@FRAME.");
        }

        return prompts;
    }

    private static (float[] Numbers, int Frame) Parse(string value, string option, string form, int min, int max)
    {
        int at = value.LastIndexOf('@');
        if (at < 0 || !int.TryParse(value.AsSpan(at + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out int frame) || frame < 0)
        {
            throw new UsageException($"{option} {value}: expected {form} (FRAME is a frame index from 0).");
        }

        string[] parts = value[..at].Split(',');
        var numbers = new float[parts.Length];
        if (parts.Length < min || parts.Length > max)
        {
            throw new UsageException($"{option} {value}: expected {form}.");
        }

        for (int i = 0; i < parts.Length; i++)
        {
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !float.IsFinite(numbers[i]))
            {
                throw new UsageException($"{option} {value}: `{parts[i]}` is not a number; expected {form}.");
            }
        }

        return (numbers, frame);
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}
