using Vrs.Pipeline.Method;
using Vrs.Segmentation;

namespace Vrs.Pipeline.Segment;

/// <summary>The one entry point of <c>vrs segment</c>: a video and a sentence in, the target's masks and a report out.</summary>
public static class SegmentPipeline
{
    /// <exception cref="Grounding.Runtime.LvlmInputException">An empty query, or a prompt longer than the model's context.</exception>
    /// <exception cref="InvalidDataException">The video cannot be read or has no frames.</exception>
    public static SegmentResult Run(SegmentModels models, string videoPath, string query, SegmentOptions options, IStageProgress? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(options);
        Grounding.Runtime.LvlmInputException.RequireQuery(query);

        // SAM 2's frames, opened once: the run's frame list and size come from here too.
        using FrameSourceProvider frames = FrameSourceProvider.Open(videoPath, models.Sam2.Settings.ImageSize, cancellationToken);
        if (frames.FrameCount == 0)
        {
            throw new InvalidDataException($"{videoPath}: the video has no frames");
        }

        var report = new SegmentReport
        {
            Video = Path.GetFullPath(videoPath),
            Frames = frames.FrameCount,
            Width = frames.Width,
            Height = frames.Height,
            Query = query,
            Mode = options.Mode.ToString().ToLowerInvariant(),
            Models = models.Describe(),
        };
        var clock = new StageClock(report, progress ?? SilentProgress.Instance);
        SegmentResult result = options.Mode switch
        {
            SegmentMode.Box => new BoxSegmenter(models, options, clock).Run(videoPath, query, frames, report, cancellationToken),
            _ => new AttentionSegmenter(models, options, clock).Run(videoPath, query, frames, report, cancellationToken),
        };
        report.FramesWithMask = Enumerable.Range(0, result.Masks.Frames.Count)
            .Count(f => result.Masks.Objects.Any(o => o.Masks[f] is { } m && RleMasks.Area(m) > 0));
        return result;
    }
}
