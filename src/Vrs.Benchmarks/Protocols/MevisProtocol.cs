using Vrs.Benchmarks.Aggregation;
using Vrs.Benchmarks.Datasets;
using Vrs.Benchmarks.Evaluation;

namespace Vrs.Benchmarks.Protocols;

/// <summary>
/// MeViS as its <c>tools/eval_mevis.py</c> scores it: J and F per expression over every listed frame; a missing
/// video folder counts as zero; the frame size comes from <c>00000.png</c>; a missing expression folder or frame
/// kills the script's worker, so that expression is left out of the averages (warned here). J, F = means over
/// expressions, J&amp;F = their mean.
/// </summary>
internal sealed class MevisProtocol : MaskDictionaryProtocol
{
    /// <summary>eval_mevis.py reads the frame size from this file name, whatever the video's first frame is called.</summary>
    private const string SizeFrame = "00000";

    public MevisProtocol(EvaluationRequest request, string split)
        : base(
            split,
            Path.Combine(request.Root, split, "meta_expressions.json"),
            Path.Combine(request.Root, split, "mask_dict.json"),
            request.PredictionRoot)
    {
    }

    public override string Name => "mevis";

    public override ExpressionResult Evaluate(ExpressionSpec expression, FrameWorkspace workspace, IProgress<long>? framesDone)
    {
        IReadOnlyList<string> frames = expression.Frames;
        if (!Directory.Exists(VideoFolder(expression)))
        {
            framesDone?.Report(frames.Count);
            Warn($"{VideoFolder(expression)}: video folder missing; expression {expression.ExpId} scored 0 as the official script does");
            return new ExpressionResult(expression, PredictionStatus.MissingVideoZero, 0, 0, null, null, 0, "video folder not found in predictions");
        }

        string folder = ExpressionFolder(expression);
        string sizePath = FramePath(folder, SizeFrame);
        if (!TryReadPrediction(sizePath, workspace.Prediction))
        {
            return Skip(expression, sizePath, frames.Count, framesDone);
        }

        int width = workspace.Prediction.Width;
        int height = workspace.Prediction.Height;
        IReadOnlyList<IReadOnlyList<RleFrame?>> objects = LoadObjects(expression);
        FrameSeries series = workspace.Series;
        series.Clear();
        for (int t = 0; t < frames.Count; t++)
        {
            string path = FramePath(folder, frames[t]);
            if (!TryReadPrediction(path, workspace.Prediction))
            {
                return Skip(expression, path, frames.Count - t, framesDone);
            }

            CheckSameSize(workspace.Prediction, width, height, path, sizePath);
            Span<byte> groundTruth = workspace.GroundTruth(width * height);
            RleGroundTruth.AddObjects(objects, expression.AnnoIds, t, Masks.Path, path, width, height, groundTruth);
            // Column-major buffers are the transposed frame: width and height swap places.
            series.Add(workspace.Metrics.Evaluate(groundTruth, workspace.PredictionColumnMajor(), height, width));
            RleGroundTruth.RemoveObjects(objects, t, width, height, groundTruth);
            workspace.GroundTruthIsClean();
            framesDone?.Report(1);
        }

        return new ExpressionResult(expression, PredictionStatus.Scored, series.MeanJ, series.MeanF, null, null, frames.Count, null);
    }

    public override BenchmarkReport Aggregate(IReadOnlyList<ExpressionResult> results) =>
        MeanOverExpressions.Report(Name, Split, results);

    private ExpressionResult Skip(ExpressionSpec expression, string missing, int framesLeft, IProgress<long>? framesDone)
    {
        framesDone?.Report(framesLeft);
        Warn($"{missing}: missing; expression left out of the averages as the official script does");
        return new ExpressionResult(expression, PredictionStatus.Skipped, double.NaN, double.NaN, null, null, 0, $"missing {missing}");
    }
}
