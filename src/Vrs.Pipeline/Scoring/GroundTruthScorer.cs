using Vrs.Benchmarks.Metrics;
using Vrs.Media;
using Vrs.Media.Video;
using Vrs.Pipeline.Output;
using Vrs.Pipeline.Segment;

namespace Vrs.Pipeline.Scoring;

/// <summary>
/// Scores a run's masks against a folder of ground-truth PNGs named like the frames (<c>00000.png</c>), with the
/// benchmarks' metric code: J and F per frame (DAVIS <c>db_eval_iou</c> / <c>db_eval_boundary</c>), their means over
/// the frames that have ground truth, J&amp;F their mean, in percent.
/// </summary>
public sealed class GroundTruthScorer
{
    private readonly string _folder;
    private readonly Dictionary<int, string> _files;

    private GroundTruthScorer(string folder, Dictionary<int, string> files)
    {
        _folder = folder;
        _files = files;
    }

    /// <summary>
    /// Finds the ground truth of each frame and checks its size before any work is done.
    /// </summary>
    /// <exception cref="InvalidDataException">No PNG matches a frame name, a PNG is unreadable, or its size is not the video's.</exception>
    public static GroundTruthScorer Open(string folder, IReadOnlyList<FrameInfo> frames, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(frames);
        string full = Path.GetFullPath(folder);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"{full}: the ground-truth folder does not exist");
        }

        var files = new Dictionary<int, string>();
        foreach (FrameInfo frame in frames)
        {
            string path = Path.Combine(full, frame.Name + ".png");
            if (File.Exists(path))
            {
                files[frame.Index] = path;
            }
        }

        if (files.Count == 0)
        {
            throw new InvalidDataException($"{full}: no ground-truth PNG is named like a frame of the video (expected e.g. {frames[0].Name}.png)");
        }

        foreach (string path in files.Values)
        {
            GrayImage truth = PngDecoder.ReadGray(path);
            if (truth.Width != width || truth.Height != height)
            {
                throw new InvalidDataException($"{path}: the ground truth is {truth.Width}×{truth.Height} but the video is {width}×{height}");
            }
        }

        return new GroundTruthScorer(full, files);
    }

    public ScoreReport Score(TrackedMasks masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        var evaluator = new FrameEvaluator();
        var prediction = new byte[masks.Width * masks.Height];
        var j = new List<double>(_files.Count);
        var f = new List<double>(_files.Count);
        foreach ((int frame, string path) in _files.OrderBy(p => p.Key))
        {
            Array.Clear(prediction);
            foreach (ObjectMasks target in masks.Objects)
            {
                if (target.Masks[frame] is { } counts)
                {
                    CocoRle.AddCountsToMask(counts, masks.Height, masks.Width, prediction);
                }
            }

            FrameScores scores = evaluator.Evaluate(PngDecoder.ReadGray(path).Pixels, prediction, masks.Width, masks.Height);
            j.Add(scores.J);
            f.Add(scores.F);
        }

        double meanJ = 100 * NumpyReductions.Mean([.. j]);
        double meanF = 100 * NumpyReductions.Mean([.. f]);
        return new ScoreReport(_folder, Math.Round(meanJ, 2), Math.Round(meanF, 2), Math.Round((meanJ + meanF) / 2, 2), _files.Count);
    }
}
