namespace Vrs.Segmentation.Tests;

/// <summary>What the predictor keeps does not grow with video length: only prompts, the read window and the frames around prompts.</summary>
public sealed class MemoryFlatTests
{
    private static readonly MovingObject s_bouncing = new(1, 220, 40, 40, 16, 12, t => (8 + Math.Abs((t % 60) - 30), 10 + Math.Abs((t % 40) - 20)));

    [Fact]
    public void Tracking_400_frames_retains_as_many_frame_outputs_as_tracking_40()
    {
        int short40 = Track(40, out double jf40);
        int long400 = Track(400, out double jf400);
        Assert.Equal(short40, long400);
        Assert.Equal(1 + 15 + 15, long400); // the prompt, 15 frames after it (a backward pass reads them), the last 15
        Assert.True(jf40 >= 90 && jf400 >= 90, $"J&F {jf40:F1} / {jf400:F1}");
    }

    private static int Track(int frames, out double jAndF)
    {
        SyntheticVideo video = SyntheticVideo.Make(frames, 64, 48, s_bouncing);
        using Sam2Model model = TestBundle.Open();
        var predictor = new Sam2VideoPredictor(model, video.Provider());
        (float x, float y) = video.Centre(1, 0);
        predictor.AddNewPointsOrBox(0, 1, [new PointPrompt(x, y)]);
        var renderer = new Sam2MaskRenderer(video.Width, video.Height);
        var evaluator = new Vrs.Benchmarks.Metrics.FrameEvaluator();
        var mask = new byte[video.Width * video.Height];
        double sum = 0;
        int peak = 0;
        foreach (Sam2FrameResult frame in predictor.PropagateInVideo())
        {
            peak = Math.Max(peak, predictor.RetainedFrameOutputs);
            renderer.Render(frame, [mask], on: 1);
            Vrs.Benchmarks.Metrics.FrameScores scores = evaluator.Evaluate(video.Truth[1][frame.Frame], mask, video.Width, video.Height);
            sum += (scores.J + scores.F) / 2;
        }

        jAndF = 100 * sum / frames;
        return peak;
    }
}
