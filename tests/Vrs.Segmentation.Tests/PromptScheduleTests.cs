namespace Vrs.Segmentation.Tests;

/// <summary>Prompts on several frames, corrections on tracked frames, objects added later.</summary>
public sealed class PromptScheduleTests
{
    private static readonly Lazy<SyntheticVideo> s_video = new(() => SyntheticVideo.Make(40));

    private static SyntheticVideo Video => s_video.Value;

    [Fact]
    public void Prompts_on_two_frames_start_at_the_earliest_and_reuse_the_later_prompt_output()
    {
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, Video.Provider());
        (float x0, float y0) = Video.Centre(2, 5);
        (float x1, float y1) = Video.Centre(2, 32);
        predictor.AddNewPointsOrBox(32, 2, [new PointPrompt(x1, y1)]);
        Sam2FrameResult prompted = predictor.AddNewPointsOrBox(5, 2, [new PointPrompt(x0, y0)]);
        Sam2ObjectResult at32 = predictor.PropagateInVideo().Single(r => r.Frame == 32).Objects[0];

        Assert.Equal([5, 32], predictor.MemoryOf(2).ConditioningFrames);
        var order = new List<int>();
        Dictionary<int, byte[]> masks = PredictorEndToEndTests.Collect(predictor.PropagateBothWays(), 2, order);
        Assert.Equal(5, order[0]);
        Assert.Equal(40, order.Count);
        Assert.True(PredictorEndToEndTests.JAndF(masks, Video.Truth[2]) >= 90);

        // The stored output of the prompted frame is reused, not recomputed.
        Sam2FrameResult again = predictor.PropagateInVideo(startFrame: 32, maxFrameCount: 0).Single();
        Assert.Same(at32.LowResLogits, again.Objects[0].LowResLogits);
        Assert.Same(prompted.Objects[0].LowResLogits, predictor.PropagateInVideo(startFrame: 5, maxFrameCount: 0).Single().Objects[0].LowResLogits);
    }

    [Fact]
    public void A_click_on_a_tracked_frame_is_a_memory_conditioned_correction_not_a_new_prompt()
    {
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, Video.Provider());
        (float x, float y) = Video.Centre(1, 0);
        predictor.AddNewPointsOrBox(0, 1, [new PointPrompt(x, y)]);
        _ = predictor.PropagateInVideo().ToList();

        (float cx, float cy) = Video.Centre(1, 20);
        Sam2FrameResult corrected = predictor.AddNewPointsOrBox(20, 1, [new PointPrompt(cx, cy)]);
        Assert.True(corrected.Objects[0].IsPresent);
        Assert.Equal([0], predictor.MemoryOf(1).ConditioningFrames);

        var asConditioning = new Sam2VideoPredictor(model, Video.Provider(), new Sam2PredictorOptions { AddAllFramesToCorrectAsConditioning = true });
        asConditioning.AddNewPointsOrBox(0, 1, [new PointPrompt(x, y)]);
        _ = asConditioning.PropagateInVideo().ToList();
        asConditioning.AddNewPointsOrBox(20, 1, [new PointPrompt(cx, cy)]);
        Assert.Equal([0, 20], asConditioning.MemoryOf(1).ConditioningFrames);
    }

    [Fact]
    public void An_object_prompted_later_in_the_video_is_tracked_from_the_start_by_its_future_memory()
    {
        // Upstream attends to every conditioning frame, future ones too; pointers only once they are behind.
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, Video.Provider());
        (float rx, float ry) = Video.Centre(1, 0);
        predictor.AddNewPointsOrBox(0, 1, [new PointPrompt(rx, ry)]);
        (float bx, float by) = Video.Centre(3, 10);
        predictor.AddNewPointsOrBox(10, 3, [new PointPrompt(bx, by)]);

        Dictionary<int, byte[]> blue = PredictorEndToEndTests.Collect(predictor.PropagateInVideo(), 3);
        Assert.Equal(40, blue.Count);
        Assert.True(PredictorEndToEndTests.JAndF(blue, Video.Truth[3]) >= 90);
    }
}
