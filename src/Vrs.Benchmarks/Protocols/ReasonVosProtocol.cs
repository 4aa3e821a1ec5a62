using System.Text.Json;
using Vrs.Benchmarks.Aggregation;
using Vrs.Benchmarks.Datasets;
using Vrs.Benchmarks.Evaluation;
using Vrs.Media;

namespace Vrs.Benchmarks.Protocols;

/// <summary>
/// ReasonVOS as VideoLISA's <c>evaluation/reason_vos/eval_reason_vos.py</c> scores it (commit 6625d43): each
/// expression of <c>meta_expressions.json</c> names an object whose ground truth is the folder
/// <c>Annotations/&lt;source&gt;_&lt;video&gt;_&lt;obj_id&gt;</c>; the frames scored are that folder's PNGs in sorted
/// order; the prediction is <c>pred/&lt;source&gt;_&lt;video&gt;_&lt;obj_id&gt;/&lt;exp_id&gt;/&lt;same file name&gt;</c>.
/// A missing ground-truth or prediction folder leaves the expression out; so does a missing prediction frame (the
/// script's worker dies on it). J, F = means over the scored expressions.
/// </summary>
internal sealed class ReasonVosProtocol : BenchmarkProtocol
{
    private readonly string _annotations;
    private readonly string _predictionRoot;
    private readonly List<ExpressionSpec> _expressions = [];
    private readonly HashSet<ExpressionSpec> _missingGroundTruth = [];

    public ReasonVosProtocol(EvaluationRequest request, string split)
    {
        Split = split;
        _predictionRoot = request.PredictionRoot;
        _annotations = Path.Combine(request.Root, "Annotations");
        string metaPath = Path.Combine(request.Root, "meta_expressions.json");
        ReadMeta(metaPath);
    }

    public override string Name => "reasonvos";

    public override string Split { get; }

    public override IReadOnlyList<ExpressionSpec> Expressions => _expressions;

    public override ExpressionResult Evaluate(ExpressionSpec expression, FrameWorkspace workspace, IProgress<long>? framesDone)
    {
        IReadOnlyList<string> frames = expression.Frames;
        if (_missingGroundTruth.Contains(expression))
        {
            return Skip(expression, ContainedPath.Combine(_annotations, "video key", expression.VideoKey), "ground-truth folder", frames.Count, framesDone);
        }

        string groundTruthFolder = ContainedPath.Combine(_annotations, "video key", expression.VideoKey);
        string predictionFolder = ContainedPath.Combine(_predictionRoot, "video key / expression id", expression.VideoKey, expression.ExpId);
        if (!Directory.Exists(predictionFolder))
        {
            return Skip(expression, predictionFolder, "prediction folder", frames.Count, framesDone);
        }

        if (frames.Count == 0)
        {
            // The script reads the size from the first ground-truth PNG; with none its worker dies.
            return Skip(expression, groundTruthFolder, "ground-truth frame", 0, framesDone);
        }

        FrameSeries series = workspace.Series;
        series.Clear();
        int width = 0;
        int height = 0;
        string firstPath = "";
        for (int t = 0; t < frames.Count; t++)
        {
            string groundTruthPath = ContainedPath.Combine(groundTruthFolder, "frame name", frames[t]);
            PngDecoder.ReadGray(groundTruthPath, workspace.GroundTruthImage);
            if (t == 0)
            {
                (width, height, firstPath) = (workspace.GroundTruthImage.Width, workspace.GroundTruthImage.Height, groundTruthPath);
            }
            else if (workspace.GroundTruthImage.Width != width || workspace.GroundTruthImage.Height != height)
            {
                throw new InvalidDataException(
                    $"{groundTruthPath}: ground truth is {workspace.GroundTruthImage.Width}×{workspace.GroundTruthImage.Height} but {firstPath} is {width}×{height}");
            }

            string predictionPath = ContainedPath.Combine(predictionFolder, "frame name", frames[t]);
            try
            {
                PngDecoder.ReadGray(predictionPath, workspace.Prediction);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return Skip(expression, predictionPath, "prediction frame", frames.Count - t, framesDone);
            }

            if (workspace.Prediction.Width != width || workspace.Prediction.Height != height)
            {
                throw new InvalidDataException(
                    $"{predictionPath}: prediction is {workspace.Prediction.Width}×{workspace.Prediction.Height} but the ground truth {groundTruthPath} is {width}×{height}");
            }

            series.Add(workspace.Metrics.Evaluate(workspace.GroundTruthImage.Pixels, workspace.Prediction.Pixels, width, height));
            framesDone?.Report(1);
        }

        return new ExpressionResult(expression, PredictionStatus.Scored, series.MeanJ, series.MeanF, null, null, frames.Count, null);
    }

    public override BenchmarkReport Aggregate(IReadOnlyList<ExpressionResult> results) =>
        MeanOverExpressions.Report(Name, Split, results);

    private ExpressionResult Skip(ExpressionSpec expression, string missing, string what, int framesLeft, IProgress<long>? framesDone)
    {
        framesDone?.Report(framesLeft);
        Warn($"{missing}: {what} missing; expression left out of the averages as the official script does");
        return new ExpressionResult(expression, PredictionStatus.Skipped, double.NaN, double.NaN, null, null, 0, $"missing {what} {missing}");
    }

    /// <summary>
    /// <c>{"videos": {video: {"source": ..., "expressions": [{"obj_id", "exp_id", "exp_text", "is_sent"}, ...]}}}</c>;
    /// the scored frames are listed from each object's ground-truth folder, once per object.
    /// </summary>
    private void ReadMeta(string metaPath)
    {
        using (JsonDocument document = DatasetJson.Parse(metaPath))
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("videos", out JsonElement videos) || videos.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{metaPath}: expected an object with a \"videos\" object");
            }

            var framesByObject = new Dictionary<string, IReadOnlyList<string>?>(StringComparer.Ordinal);
            foreach (JsonProperty video in videos.EnumerateObject())
            {
                string where = $"video \"{video.Name}\"";
                if (video.Value.ValueKind != JsonValueKind.Object
                    || !video.Value.TryGetProperty("source", out JsonElement source) || source.ValueKind != JsonValueKind.String
                    || !video.Value.TryGetProperty("expressions", out JsonElement expressions) || expressions.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"{metaPath}: {where} needs a \"source\" string and an \"expressions\" list");
                }

                foreach (JsonElement sample in expressions.EnumerateArray())
                {
                    string objectId = ScalarText(sample, "obj_id", metaPath, where);
                    string expId = ScalarText(sample, "exp_id", metaPath, where);
                    string text = sample.TryGetProperty("exp_text", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                    string key = $"{source.GetString()}_{video.Name}_{objectId}";
                    if (!framesByObject.TryGetValue(key, out IReadOnlyList<string>? frames))
                    {
                        frames = ListGroundTruthFrames(ContainedPath.Combine(_annotations, "video key", key));
                        framesByObject[key] = frames;
                    }

                    var spec = new ExpressionSpec(key, expId, text, [], 0, frames ?? []);
                    _expressions.Add(spec);
                    if (frames is null)
                    {
                        _missingGroundTruth.Add(spec);
                    }
                }
            }
        }
    }

    private static string ScalarText(JsonElement sample, string name, string path, string where)
    {
        if (sample.ValueKind != JsonValueKind.Object || !sample.TryGetProperty(name, out JsonElement value))
        {
            throw new InvalidDataException($"{path}: {where}: every expression needs \"{name}\"");
        }

        // str(x) in the script: ids may be numbers or strings.
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new InvalidDataException($"{path}: {where}: \"{name}\" must be a number or a string"),
        };
    }

    /// <summary>The folder's <c>*png</c> file names in Python's sorted order, or null when the folder is missing.</summary>
    private static List<string>? ListGroundTruthFrames(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var names = Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .Where(n => n!.EndsWith("png", StringComparison.Ordinal))
            .Select(n => n!)
            .ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
