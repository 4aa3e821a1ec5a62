using Vrs.Benchmarks.Metrics;

namespace Vrs.Segmentation.Tests;

/// <summary>The video predictor through ONNX Runtime with the stand-in bundle, on synthetic videos with known masks.</summary>
public sealed class PredictorEndToEndTests
{
    private const int Frames = 40;
    private static readonly Lazy<SyntheticVideo> s_video = new(() => SyntheticVideo.Make(Frames));

    private static SyntheticVideo Video => s_video.Value;

    [Fact]
    public void A_single_click_on_frame_0_tracks_the_red_object_through_the_crossing()
    {
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, Video.Provider());
        (float x, float y) = Video.Centre(1, 0);
        predictor.AddNewPointsOrBox(0, 1, [new PointPrompt(x, y)]);
        Dictionary<int, byte[]> masks = Collect(predictor.PropagateBothWays(), 1);

        Assert.Equal(Frames, masks.Count);
        double score = JAndF(masks, Video.Truth[1]);
        Assert.True(score >= 90, $"J&F {score:F1} < 90");
    }

    [Fact]
    public void A_click_on_a_middle_frame_tracks_backward_to_frame_0_and_forward_to_the_end()
    {
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, Video.Provider());
        (float x, float y) = Video.Centre(1, 20);
        predictor.AddNewPointsOrBox(20, 1, [new PointPrompt(x, y)]);
        var order = new List<int>();
        Dictionary<int, byte[]> masks = Collect(predictor.PropagateBothWays(), 1, order);

        Assert.Equal([.. Enumerable.Range(20, 20), .. Enumerable.Range(0, 20).Reverse()], order);
        double score = JAndF(masks, Video.Truth[1]);
        Assert.True(score >= 90, $"J&F {score:F1} < 90");
    }

    [Fact]
    public void Three_objects_are_tracked_at_once_with_one_image_encoding_per_frame()
    {
        using Sam2Model model = TestBundle.Open();
        InMemoryFrameProvider provider = Video.Provider();
        var predictor = new Sam2VideoPredictor(model, provider);
        foreach (int id in new[] { 1, 2, 3 })
        {
            (float x, float y) = Video.Centre(id, 0);
            predictor.AddNewPointsOrBox(0, id, [new PointPrompt(x, y)]);
        }

        var perObject = new Dictionary<int, Dictionary<int, byte[]>> { [1] = [], [2] = [], [3] = [] };
        var renderer = new Sam2MaskRenderer(Video.Width, Video.Height);
        foreach (Sam2FrameResult frame in predictor.PropagateInVideo())
        {
            byte[][] buffers = [.. frame.Objects.Select(_ => new byte[Video.Width * Video.Height])];
            renderer.Render(frame, buffers, nonOverlap: true, on: 1);
            for (int i = 0; i < frame.Objects.Count; i++)
            {
                perObject[frame.Objects[i].ObjectId][frame.Frame] = buffers[i];
            }
        }

        Assert.Equal(Frames, predictor.EncodedFrameCount);
        Assert.Equal(Frames, provider.ReadCount);
        foreach (int id in new[] { 1, 2, 3 })
        {
            double score = JAndF(perObject[id], Video.Truth[id]);
            Assert.True(score >= 90, $"object {id}: J&F {score:F1} < 90");
        }
    }

    [Fact]
    public void A_box_prompt_segments_the_object_inside_it()
    {
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, Video.Provider());
        (int bx, int by) = SyntheticVideo.Blue.Position(0);
        Sam2FrameResult result = predictor.AddNewPointsOrBox(0, 3, box: new BoxPrompt(bx - 4, by - 4, bx + 32, by + 32));
        Dictionary<int, byte[]> masks = Collect([result], 3);
        Assert.True(JAndF(masks, Video.Truth[3], frames: [0]) >= 90);
        masks = Collect(predictor.PropagateInVideo(), 3);
        Assert.True(JAndF(masks, Video.Truth[3]) >= 90);
    }

    [Fact]
    public void An_object_that_leaves_the_frame_scores_absent_gets_an_empty_mask_and_is_found_again()
    {
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, Video.Provider());
        (float x, float y) = Video.Centre(2, 0);
        predictor.AddNewPointsOrBox(0, 2, [new PointPrompt(x, y)]);
        var results = predictor.PropagateInVideo().ToDictionary(r => r.Frame, r => r.Objects[0]);

        var renderer = new Sam2MaskRenderer(Video.Width, Video.Height);
        for (int t = 0; t < Frames; t++)
        {
            bool visible = Video.Truth[2][t].Any(v => v != 0);
            Assert.True(visible == results[t].IsPresent, $"frame {t}: visible {visible}, present {results[t].IsPresent}");
            if (!visible)
            {
                Assert.All(results[t].LowResLogits, v => Assert.Equal(-1024f, v));
            }
        }

        Dictionary<int, byte[]> masks = results.ToDictionary(r => r.Key, r =>
        {
            var mask = new byte[Video.Width * Video.Height];
            renderer.Render(new Sam2FrameResult(r.Key, [r.Value]), [mask], on: 1);
            return mask;
        });
        Assert.True(JAndF(masks, Video.Truth[2]) >= 90);
    }

    [Fact]
    public void A_negative_click_on_the_same_colour_removes_the_object()
    {
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, Video.Provider());
        (float rx, float ry) = Video.Centre(1, 0);
        Sam2FrameResult first = predictor.AddNewPointsOrBox(0, 1, [new PointPrompt(rx, ry)]);
        Assert.True(first.Objects[0].IsPresent);
        Sam2FrameResult refined = predictor.AddNewPointsOrBox(0, 1, [new PointPrompt(rx + 5, ry, PointLabel.Negative)], clearOldPoints: false);
        Assert.False(refined.Objects[0].IsPresent);
        Assert.All(refined.Objects[0].LowResLogits, v => Assert.True(v <= 0));
    }

    [Fact]
    public void Bad_prompts_are_refused_with_a_clear_message()
    {
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, Video.Provider());
        ArgumentOutOfRangeException outside = Assert.Throws<ArgumentOutOfRangeException>(() => predictor.AddNewPointsOrBox(0, 1, [new PointPrompt(300, 10)]));
        Assert.Contains("outside the 256x192 frame", outside.Message, StringComparison.Ordinal);
        ArgumentOutOfRangeException frame = Assert.Throws<ArgumentOutOfRangeException>(() => predictor.AddNewPointsOrBox(40, 1, [new PointPrompt(10, 10)]));
        Assert.Contains("frame 40 does not exist", frame.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => predictor.PropagateInVideo().ToList());
    }

    internal static Dictionary<int, byte[]> Collect(IEnumerable<Sam2FrameResult> frames, int objectId, List<int>? order = null)
    {
        var masks = new Dictionary<int, byte[]>();
        Sam2MaskRenderer? renderer = null;
        foreach (Sam2FrameResult frame in frames)
        {
            renderer ??= new Sam2MaskRenderer(Video.Width, Video.Height);
            order?.Add(frame.Frame);
            Sam2ObjectResult result = frame.Objects.Single(o => o.ObjectId == objectId);
            var mask = new byte[Video.Width * Video.Height];
            renderer.Render(new Sam2FrameResult(frame.Frame, [result]), [mask], on: 1);
            masks[frame.Frame] = mask;
        }

        return masks;
    }

    /// <summary>Mean over frames of (J + F) / 2, in percent.</summary>
    internal static double JAndF(IReadOnlyDictionary<int, byte[]> predicted, IReadOnlyList<byte[]> truth, IEnumerable<int>? frames = null)
    {
        var evaluator = new FrameEvaluator();
        int[] which = [.. frames ?? Enumerable.Range(0, truth.Count)];
        double sum = 0;
        foreach (int t in which)
        {
            FrameScores scores = evaluator.Evaluate(truth[t], predicted[t], Video.Width, Video.Height);
            sum += (scores.J + scores.F) / 2;
        }

        return 100 * sum / which.Length;
    }
}
