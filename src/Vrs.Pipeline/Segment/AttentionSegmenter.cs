using System.Globalization;
using Vrs.Grounding.Answers;
using Vrs.Grounding.Maps;
using Vrs.Grounding.Rollout;
using Vrs.Media;
using Vrs.Media.Video;
using Vrs.Pipeline.Method;
using Vrs.Pipeline.Output;
using Vrs.Pipeline.Tracking;
using Vrs.Segmentation;

namespace Vrs.Pipeline.Segment;

/// <summary>
/// The attention mode (SteerSeg on DecAF's maps): optional attribute pass, frame and video rollout maps, keyframes,
/// point queries from map peaks, every candidate tracked over the whole video as an object of one SAM 2 state,
/// suppression of duplicates, ranking by weighted Pearson correlation with the maps, the no-target and
/// several-targets decisions, and optionally anchors that re-track the choice from its best frames.
/// </summary>
internal sealed class AttentionSegmenter(SegmentModels models, SegmentOptions options, StageClock clock)
{
    public SegmentResult Run(string videoPath, string query, FrameSourceProvider frames, SegmentReport report, CancellationToken cancellationToken)
    {
        clock.Start("decode", options.SampledFrames, "frames");
        (List<RgbFrame> sampled, int[] indices, VideoSummary summary) = SampledFrames.Read(videoPath, options.SampledFrames, cancellationToken);
        report.SampledFrames = indices;
        clock.Done($"{summary.FrameCount} frames {summary.Width}×{summary.Height} · sampled {indices.Length}");

        string groundingQuery = query;
        if (options.ChainOfThought)
        {
            clock.Start("attributes");
            var questions = new KeyframeQuestions(models.Lvlm);
            EncodedKeyframe keyframe = questions.Encode(sampled[sampled.Count / 2], cancellationToken);
            string attributes = questions.Attributes(keyframe, query, cancellationToken: cancellationToken).Text.Trim();
            report.Attributes = attributes;
            groundingQuery = attributes.Length == 0 ? query : $"{query.Trim()} ({attributes})";
            clock.Done($"\"{attributes}\"");
        }

        report.GroundingQuery = groundingQuery;
        var grounder = new VideoGrounder(models.Lvlm, options.Grounding);
        clock.Start("maps", grounder.PromptCount(sampled.Count), "prompts");
        grounder.PromptCompleted += () => clock.Progress.Advance();
        GroundingResult maps = grounder.Ground(sampled, indices, groundingQuery, cancellationToken);
        report.Answer = maps.ObjectAnswer.Trim();
        clock.Done($"{indices.Length} frames, {(maps.ObjectFrame is null ? "video" : "frame + video")} rollout · answer \"{report.Answer}\"");

        TrackedMasks empty = TrackedMasks.Empty(frames.Frames, frames.Width, frames.Height);
        if (QueryForm.SaysNothingMatches(maps.ObjectAnswer))
        {
            report.NoTarget = true;
            report.Reason = $"the model's answer \"{report.Answer}\" says nothing in the video matches";
            return new SegmentResult(empty, report, sampled, maps);
        }

        RankingMaps ranking = RankingMaps.From(maps);
        var predictor = new Sam2VideoPredictor(models.Sam2, frames, new Sam2PredictorOptions { KeepPromptedFeatures = true });
        var tracker = new MaskTracker(predictor, frames.Width, frames.Height);
        clock.Start("prompts");
        List<CandidateReport> candidates = PromptCandidates(tracker, maps.Fused, indices, frames.Width, frames.Height, report, cancellationToken);
        int live = predictor.ObjectIds.Count;
        clock.Done($"keyframes {string.Join(", ", report.Keyframes)} · {live} candidate{(live == 1 ? "" : "s")} ({candidates.Count - live} dropped)");
        if (live == 0)
        {
            report.Candidates = candidates;
            report.NoTarget = true;
            report.Reason = "no point of the maps gave SAM 2 an object";
            report.EncoderRuns = predictor.EncodedFrameCount;
            return new SegmentResult(empty, report, sampled, maps);
        }

        clock.Start("tracking", frames.FrameCount, "frames");
        tracker.FrameTracked += () => clock.Progress.Advance();
        IReadOnlyList<Tracklet> tracklets = tracker.Track(new TrackingGrids(indices, ranking.Frame, ranking.Video), nonOverlap: false, cancellationToken);
        report.EncoderRuns = predictor.EncodedFrameCount;
        clock.Done($"{tracklets.Count} candidate{(tracklets.Count == 1 ? "" : "s")} × {frames.FrameCount} frames · {predictor.EncodedFrameCount} image-encoder runs");

        clock.Start("ranking");
        TargetChoice choice = Rank(tracklets, ranking, query, candidates, report);
        report.Candidates = candidates;
        report.Chosen = choice.Chosen;
        report.NoTarget = choice.NoTarget;
        report.Reason = choice.Reason;
        clock.Done(choice.NoTarget ? $"no target: {choice.Reason}" : $"chosen {string.Join(", ", choice.Chosen.Select(id => "#" + id.ToString(CultureInfo.InvariantCulture)))} · {choice.Reason}");
        if (choice.NoTarget)
        {
            return new SegmentResult(empty, report, sampled, maps);
        }

        Tracklet[] chosen = [.. tracklets.Where(t => choice.Chosen.Contains(t.Id))];
        if (options.Anchors > 0)
        {
            chosen = [.. Anchor(chosen, ranking, indices, frames, candidates, report, cancellationToken)];
        }

        TrackedMasks union = TrackedMasks.OneObject(frames.Frames, frames.Width, frames.Height, MaskUnion.Of(chosen, frames.Width, frames.Height));
        return new SegmentResult(union, report, sampled, maps);
    }

    private List<CandidateReport> PromptCandidates(MaskTracker tracker, TokenMap fused, int[] indices, int width, int height, SegmentReport report, CancellationToken cancellationToken)
    {
        var candidates = new List<CandidateReport>();
        int[] keyframes = KeyframeSelector.Select(fused, Math.Min(options.Keyframes, fused.Frames));
        report.Keyframes = [.. keyframes.Select(k => indices[k])];
        int nextId = 1;
        foreach (int slice in keyframes)
        {
            int frame = indices[slice];
            IReadOnlyList<PeakPoint> points = PeakPointFinder.Find(fused, slice, options.PointThreshold, options.PointsPerKeyframe, width, height);
            var prompted = new List<(int Id, uint[] Mask, float Score, int Index)>();
            foreach (PeakPoint point in points)
            {
                int id = nextId++;
                var prompt = new ObjectPrompt(id, frame, [new PointPrompt((float)point.X, (float)point.Y)]);
                (uint[] mask, float iou, float objectScore) = tracker.Prompt(prompt, cancellationToken);
                string? dropped = null;
                if (objectScore <= 0 || RleMasks.Area(mask) == 0)
                {
                    tracker.Predictor.RemoveObject(id);
                    dropped = "SAM 2 found no object at the point";
                }
                else
                {
                    prompted.Add((id, mask, iou + point.Value, candidates.Count));
                }

                candidates.Add(new CandidateReport(id, frame, Math.Round(point.X, 1), Math.Round(point.Y, 1), point.Value, iou, null, null, null, null, dropped));
            }

            // DecAF's suppression among one keyframe's candidates, on s_SAM + V_p.
            int[] suppressedBy = DuplicateSuppression.Greedy([.. prompted.Select(p => p.Score)], (i, j) => RleMasks.Iou(prompted[i].Mask, prompted[j].Mask), options.SuppressionIou);
            for (int i = 0; i < prompted.Count; i++)
            {
                if (suppressedBy[i] >= 0)
                {
                    int by = prompted[suppressedBy[i]].Id;
                    tracker.Predictor.RemoveObject(prompted[i].Id);
                    candidates[prompted[i].Index] = candidates[prompted[i].Index] with { SuppressedBy = by, Dropped = $"same mask as #{by} on the keyframe" };
                }
            }
        }

        return candidates;
    }

    private TargetChoice Rank(IReadOnlyList<Tracklet> tracklets, RankingMaps ranking, string query, List<CandidateReport> candidates, SegmentReport report)
    {
        float frameWeight = options.ResolveFrameWeight(models.Lvlm.Manifest);
        CandidateScore[] scores = [.. tracklets.Select(t => TrackletRanker.Score(ranking.Frame, t.PooledFrame, ranking.Video, t.PooledVideo!, frameWeight))];
        int[] suppressedBy = DuplicateSuppression.Greedy([.. scores.Select(s => s.Score)], (i, j) => RleMasks.VideoIou(tracklets[i].Masks, tracklets[j].Masks), options.SuppressionIou);
        var ranked = new List<RankedCandidate>(tracklets.Count);
        for (int i = 0; i < tracklets.Count; i++)
        {
            int? by = suppressedBy[i] >= 0 ? tracklets[suppressedBy[i]].Id : null;
            ranked.Add(new RankedCandidate(tracklets[i].Id, scores[i], by));
            int at = candidates.FindIndex(c => c.Id == tracklets[i].Id);
            candidates[at] = candidates[at] with
            {
                FrameCorrelation = float.IsNaN(scores[i].FrameCorrelation) ? null : scores[i].FrameCorrelation,
                VideoCorrelation = scores[i].VideoCorrelation,
                Score = scores[i].Score,
                SuppressedBy = by,
                Dropped = by is null ? null : $"its tracklet duplicates #{by}'s",
            };
        }

        return TargetDecision.Decide(ranked, report.Answer ?? string.Empty, QueryForm.AsksForSeveral(query), options.ResolveMinScore(models.Lvlm.Manifest), options.KeepRatio);
    }

    /// <summary>
    /// The mask's box grown by one cell of SAM 2's low-resolution mask on each side: the mask was upsampled from that
    /// grid, so its edge is only known to within a cell, and a box prompt that cuts the object pushes its edge pixels out.
    /// </summary>
    private static BoxPrompt Grow(BoxPrompt box, int width, int height)
    {
        float dx = (float)width / Onnx.Contracts.Sam2Contract.LowResMaskSize;
        float dy = (float)height / Onnx.Contracts.Sam2Contract.LowResMaskSize;
        return new BoxPrompt(Math.Max(0, box.X1 - dx), Math.Max(0, box.Y1 - dy), Math.Min(width, box.X2 + dx), Math.Min(height, box.Y2 + dy));
    }

    /// <summary>Re-tracks the chosen objects in a fresh state from their keyframe click plus their best frames as extra prompted frames.</summary>
    private IReadOnlyList<Tracklet> Anchor(Tracklet[] chosen, RankingMaps ranking, int[] indices, FrameSourceProvider frames, IReadOnlyList<CandidateReport> candidates, SegmentReport report, CancellationToken cancellationToken)
    {
        clock.Start("anchors", frames.FrameCount, "frames");
        var predictor = new Sam2VideoPredictor(models.Sam2, frames, new Sam2PredictorOptions { KeepPromptedFeatures = true });
        var tracker = new MaskTracker(predictor, frames.Width, frames.Height);
        var image = new GrayImage(frames.Width, frames.Height);
        var anchorFrames = new SortedSet<int>();
        TokenMap map = ranking.Frame ?? ranking.Video;
        foreach (Tracklet tracklet in chosen)
        {
            CandidateReport origin = candidates.First(c => c.Id == tracklet.Id);
            tracker.Prompt(new ObjectPrompt(tracklet.Id, origin.Keyframe, [new PointPrompt((float)origin.X, (float)origin.Y)]), cancellationToken);
            TokenMap pooled = tracklet.PooledFrame ?? tracklet.PooledVideo!;
            float[] agreement = [.. Enumerable.Range(0, indices.Length).Select(s => Correlation.Pearson(pooled.Frame(s), map.Frame(s)))];
            long[] areas = [.. indices.Select(f => tracklet.Masks[f] is { } m ? RleMasks.Area(m) : 0)];
            foreach (int s in AnchorSelector.Select(agreement, areas, options.Anchors))
            {
                int frame = indices[s];
                CocoRle.CountsToMask(tracklet.Masks[frame], frames.Height, frames.Width, image.Pixels);
                if (frame != origin.Keyframe && MaskGeometry.Describe(image.Pixels, frames.Width, frames.Height) is (var box, var inside))
                {
                    tracker.Prompt(new ObjectPrompt(tracklet.Id, frame, inside, box is { } b ? Grow(b, frames.Width, frames.Height) : null), cancellationToken);
                }

                anchorFrames.Add(frame);
            }
        }

        report.AnchorFrames = [.. anchorFrames];
        tracker.FrameTracked += () => clock.Progress.Advance();
        IReadOnlyList<Tracklet> tracked = tracker.Track(null, nonOverlap: false, cancellationToken);
        report.EncoderRuns += predictor.EncodedFrameCount;
        clock.Done($"frames {string.Join(", ", anchorFrames)} · {predictor.EncodedFrameCount} image-encoder runs");
        return tracked;
    }
}
