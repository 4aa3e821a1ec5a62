using System.Globalization;
using Vrs.Grounding.Answers;
using Vrs.Grounding.Preprocessing;
using Vrs.Media.Video;
using Vrs.Pipeline.Output;
using Vrs.Pipeline.Tracking;
using Vrs.Segmentation;

namespace Vrs.Pipeline.Segment;

/// <summary>
/// Veason-R1's box mode: the sampled frames go to the LVLM as separate images each preceded by its timestamp; the
/// answer's keyframe and boxes prompt SAM 2 on that frame, one object per box, tracked both ways and unioned. A
/// malformed answer is asked again once, then reported (no target) — never guessed.
/// </summary>
internal sealed class BoxSegmenter(SegmentModels models, SegmentOptions options, StageClock clock)
{
    /// <summary>Veason-R1 generates up to 1024 tokens; half leaves 8 images of 400 tokens room in a 4k context (the JSON answer is ~40).</summary>
    private const int AnswerBudget = 512;

    public SegmentResult Run(string videoPath, string query, FrameSourceProvider frames, SegmentReport report, CancellationToken cancellationToken)
    {
        var question = new VeasonKeyframeQuestion(models.Lvlm);
        clock.Start("decode", options.SampledFrames, "frames");
        var shown = new List<TimestampedImage>();
        int[] indices;
        using (FrameSource source = FrameSource.Open(videoPath, cancellationToken: cancellationToken))
        {
            indices = FrameSampler.Uniform(source.Count, options.SampledFrames);
            var wanted = new HashSet<int>(indices);
            foreach (RgbFrame frame in source.Read(0, indices[^1] + 1, cancellationToken))
            {
                if (wanted.Contains(frame.Index))
                {
                    shown.Add(question.Encode(frame, cancellationToken));
                }
            }

            report.SampledFrames = indices;
            clock.Done($"{source.Count} frames {source.SourceWidth}×{source.SourceHeight} · sampled {indices.Length}, encoded as images");
        }

        clock.Start("keyframe");
        var answers = new List<string>();
        VeasonAnswer answer = question.Ask(shown, query, AnswerBudget, cancellationToken);
        answers.Add(answer.Text);
        if (answer is VeasonMalformed)
        {
            answer = question.Ask(shown, query, AnswerBudget, cancellationToken);
            answers.Add(answer.Text);
        }

        report.Answer = answer.Text.Trim();
        TrackedMasks empty = TrackedMasks.Empty(frames.Frames, frames.Width, frames.Height);
        if (answer is not VeasonKeyframe keyframe || keyframe.Boxes.Count == 0)
        {
            string why = answer is VeasonMalformed bad ? bad.Reason : "the answer lists no box";
            report.Box = new BoxModeReport(answers, null, [], why);
            report.NoTarget = true;
            report.Reason = $"no usable keyframe answer after {answers.Count} tries: {why}";
            clock.Done(report.Reason);
            return new SegmentResult(empty, report, [], null);
        }

        double[][] boxes = [.. keyframe.Boxes.Select(b => new[] { Math.Round(b.X1, 1), Math.Round(b.Y1, 1), Math.Round(b.X2, 1), Math.Round(b.Y2, 1) })];
        report.Box = new BoxModeReport(answers, keyframe.FrameIndex, boxes, null);
        report.Keyframes = [keyframe.FrameIndex];
        clock.Done(string.Create(CultureInfo.InvariantCulture, $"keyframe {keyframe.FrameIndex} · {boxes.Length} box{(boxes.Length == 1 ? "" : "es")}"));

        var predictor = new Sam2VideoPredictor(models.Sam2, frames, new Sam2PredictorOptions { KeepPromptedFeatures = true });
        var tracker = new MaskTracker(predictor, frames.Width, frames.Height);
        for (int i = 0; i < keyframe.Boxes.Count; i++)
        {
            PixelBox b = keyframe.Boxes[i];
            tracker.Prompt(new ObjectPrompt(i + 1, keyframe.FrameIndex, [], new BoxPrompt((float)b.X1, (float)b.Y1, (float)b.X2, (float)b.Y2)), cancellationToken);
        }

        clock.Start("tracking", frames.FrameCount, "frames");
        tracker.FrameTracked += () => clock.Progress.Advance();
        IReadOnlyList<Tracklet> tracklets = tracker.Track(null, nonOverlap: false, cancellationToken);
        report.EncoderRuns = predictor.EncodedFrameCount;
        report.Chosen = [.. tracklets.Select(t => t.Id)];
        report.Reason = $"the answer's {tracklets.Count} box{(tracklets.Count == 1 ? "" : "es")} on frame {keyframe.FrameIndex}, tracked both ways";
        clock.Done($"{tracklets.Count} object{(tracklets.Count == 1 ? "" : "s")} × {frames.FrameCount} frames · {predictor.EncodedFrameCount} image-encoder runs");
        TrackedMasks union = TrackedMasks.OneObject(frames.Frames, frames.Width, frames.Height, MaskUnion.Of([.. tracklets], frames.Width, frames.Height));
        return new SegmentResult(union, report, [], null);
    }
}
