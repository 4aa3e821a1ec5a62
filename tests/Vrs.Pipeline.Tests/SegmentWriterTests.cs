using Vrs.Media.Video;
using Vrs.Pipeline.Output;
using Vrs.Pipeline.Segment;
using Vrs.Pipeline.Synthetic;

namespace Vrs.Pipeline.Tests;

/// <summary>A segment run's outputs appear together or not at all.</summary>
public sealed class SegmentWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-segment-writer-" + Guid.NewGuid().ToString("N"));

    public SegmentWriterTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Cancelled_while_writing_masks_leaves_nothing_at_any_output_path(int framesBeforeCancel)
    {
        (SegmentResult result, SegmentOutputs outputs) = Prepare();
        using var cancel = new CancellationTokenSource();
        int written = 0;

        Assert.ThrowsAny<OperationCanceledException>(() => SegmentWriter.Write(result, outputs, () =>
        {
            if (++written == framesBeforeCancel)
            {
                cancel.Cancel();
            }
        }, framesBeforeCancel == 0 ? new CancellationToken(true) : cancel.Token));

        Assert.Equal(["clip.mp4"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName));
    }

    [Fact]
    public void A_finished_run_publishes_masks_report_rle_and_overlay_together()
    {
        (SegmentResult result, SegmentOutputs outputs) = Prepare();

        SegmentWriter.Write(result, outputs);

        Assert.Equal(["clip.mp4", "masks", "masks.json", "overlay.mp4"], Directory.GetFileSystemEntries(_root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(result.Masks.Frames.Count + 1, Directory.GetFiles(outputs.MaskFolder).Length); // + report.json
    }

    private (SegmentResult Result, SegmentOutputs Outputs) Prepare()
    {
        SyntheticScene scene = SceneCatalog.Scenes[0];
        string video = Path.Combine(_root, "clip.mp4");
        SceneWriter.WriteVideo(scene, video);
        using FrameSource source = FrameSource.Open(video);
        var masks = new uint[]?[source.Count];
        for (int f = 0; f < masks.Length; f++)
        {
            masks[f] = [(uint)(scene.Width * scene.Height / 2), 40, (uint)((scene.Width * scene.Height) - (scene.Width * scene.Height / 2) - 40)];
        }

        var report = new SegmentReport
        {
            Video = video,
            Frames = source.Count,
            Width = scene.Width,
            Height = scene.Height,
            Query = "the red ball",
            Mode = "attention",
            Models = new ModelsReport("stand-in", true, "stand-in", true),
        };
        var result = new SegmentResult(TrackedMasks.OneObject(source.Frames, scene.Width, scene.Height, masks), report, [], null);
        var outputs = new SegmentOutputs(Path.Combine(_root, "masks"), Path.Combine(_root, "overlay.mp4"), null, Path.Combine(_root, "masks.json"));
        return (result, outputs);
    }
}
