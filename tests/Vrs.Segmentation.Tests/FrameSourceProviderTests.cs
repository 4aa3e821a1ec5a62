using System.Diagnostics;

namespace Vrs.Segmentation.Tests;

/// <summary>The predictor over a real video file: ffmpeg decodes at model size, one stream forward and one backward.</summary>
public sealed class FrameSourceProviderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-sam2-video-" + Guid.NewGuid().ToString("N"));

    public FrameSourceProviderTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_middle_click_on_a_video_file_decodes_forward_once_and_backward_once()
    {
        SyntheticVideo video = SyntheticVideo.Make(30, 128, 96, SyntheticVideo.Red);
        string path = Encode(video);
        using Sam2Model model = TestBundle.Open();
        using FrameSourceProvider frames = FrameSourceProvider.Open(path, model.Settings.ImageSize);
        Assert.Equal((128, 96, 30), (frames.Width, frames.Height, frames.FrameCount));
        var predictor = new Sam2VideoPredictor(model, frames);
        (float x, float y) = video.Centre(1, 15);
        predictor.AddNewPointsOrBox(15, 1, [new PointPrompt(x, y)]);

        var renderer = new Sam2MaskRenderer(video.Width, video.Height);
        var evaluator = new Vrs.Benchmarks.Metrics.FrameEvaluator();
        var mask = new byte[video.Width * video.Height];
        double sum = 0;
        int count = 0;
        foreach (Sam2FrameResult frame in predictor.PropagateBothWays())
        {
            renderer.Render(frame, [mask], on: 1);
            Vrs.Benchmarks.Metrics.FrameScores s = evaluator.Evaluate(video.Truth[1][frame.Frame], mask, video.Width, video.Height);
            sum += (s.J + s.F) / 2;
            count++;
        }

        Assert.Equal(30, count);
        Assert.Equal(2, frames.DecoderStarts);
        Assert.True(100 * sum / count >= 90, $"J&F {100 * sum / count:F1}");
    }

    private string Encode(SyntheticVideo video)
    {
        string raw = Path.Combine(_root, "frames.rgb");
        using (FileStream stream = File.Create(raw))
        {
            foreach (byte[] frame in video.Frames)
            {
                stream.Write(frame);
            }
        }

        string path = Path.Combine(_root, "clip.mp4");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (string argument in new[] { "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{video.Width}x{video.Height}", "-r", "10", "-i", raw, "-c:v", "libx264", "-crf", "8", "-pix_fmt", "yuv444p", path })
        {
            info.ArgumentList.Add(argument);
        }

        using Process ffmpeg = Process.Start(info)!;
        string error = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        Assert.True(ffmpeg.ExitCode == 0, error);
        return path;
    }
}
