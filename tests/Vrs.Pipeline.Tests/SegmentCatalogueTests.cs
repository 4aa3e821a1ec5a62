using Vrs.Grounding.Runtime;
using Vrs.Grounding.StandIn;
using Vrs.Media.Video;
using Vrs.Onnx;
using Vrs.Pipeline.Output;
using Vrs.Pipeline.Scoring;
using Vrs.Pipeline.Segment;
using Vrs.Pipeline.Synthetic;
using Vrs.Segmentation;
using Xunit.Abstractions;

namespace Vrs.Pipeline.Tests;

/// <summary>
/// The whole method through ONNX Runtime with both stand-in bundles on every query of the synthetic catalogue
/// (mp4 clips of 2–4 objects in realistic colours over texture, same-shape distractors, occlusion, late entry, exit,
/// absent colours), scored against the scenes' ground truth with the benchmark metric code.
/// </summary>
public sealed class SegmentCatalogueTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-catalogue-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Attention_mode_scores_a_mean_JF_of_at_least_85_and_absent_colours_give_empty_masks()
    {
        OnnxRuntime.Load();
        var sessions = new SessionSettings { IntraOpThreads = 1 };
        using LvlmModel lvlm = LvlmModel.Open(LvlmStandIn.Write(Path.Combine(_root, "models", "lvlm")), sessions);
        using Sam2Model sam2 = Sam2Model.Open(Sam2StandIn.Write(Path.Combine(_root, "models", "sam2")), sessions);
        var models = new SegmentModels(lvlm, sam2);
        var scores = new List<double>();
        long emptyFrames = 0;
        long absentFrames = 0;
        foreach (SyntheticScene scene in SceneCatalog.Scenes)
        {
            string video = Path.Combine(_root, scene.Name + ".mp4");
            SceneWriter.WriteVideo(scene, video);
            foreach (SceneQuery query in scene.Queries)
            {
                SegmentResult result = SegmentPipeline.Run(models, video, query.Text, new SegmentOptions());
                if (query.IsAbsent)
                {
                    absentFrames += scene.FrameCount;
                    emptyFrames += result.Masks.Objects[0].Masks.Count(m => m is null || Method.RleMasks.Area(m) == 0);
                    output.WriteLine($"{scene.Name,-22} {query.Text,-50} absent · empty frames {result.Masks.Objects[0].Masks.Count(m => m is null || Method.RleMasks.Area(m) == 0)}/{scene.FrameCount} · {result.Report.Reason}");
                    continue;
                }

                string gt = Path.Combine(_root, "gt", scene.Name, string.Join('-', query.TargetIds));
                if (!Directory.Exists(gt))
                {
                    SceneWriter.WriteGroundTruth(scene, query.TargetIds, gt);
                }

                using FrameSource frames = FrameSource.Open(video);
                ScoreReport score = GroundTruthScorer.Open(gt, frames.Frames, scene.Width, scene.Height).Score(result.Masks);
                scores.Add(score.JF);
                output.WriteLine($"{scene.Name,-22} {query.Text,-50} J&F {score.JF,6:F2} · {result.Report.Reason}");
            }
        }

        double mean = scores.Average();
        output.WriteLine($"attention: {scores.Count} queries, mean J&F {mean:F2}; absent colours: {emptyFrames}/{absentFrames} frames empty");
        Assert.True(scores.Count >= 20, $"{scores.Count} queries with a target");
        Assert.True(mean >= 85, $"mean J&F {mean:F2}");
        Assert.True(emptyFrames >= 0.95 * absentFrames, $"{emptyFrames}/{absentFrames} frames empty");
    }
}
