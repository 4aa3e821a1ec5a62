using Vrs.Benchmarks.Aggregation;
using Vrs.Benchmarks.Datasets;
using Vrs.Benchmarks.Evaluation;

namespace Vrs.Benchmarks.Protocols;

/// <summary>
/// ReVOS as VISA's <c>tools/eval_revos.py</c> scores it: J, F, A, R per expression over every listed frame; a
/// missing video folder, expression folder or frame counts as all-zero; each per-expression percentage rounded
/// to 2 decimals; referring (type 0) and reasoning (type 1) averaged separately, overall = their plain mean;
/// no-target expressions (type 2) are left out. Corrupt files and size mismatches are errors here (the script
/// silently zeroes them), because a wrong score is worse than a loud one.
/// </summary>
internal sealed class RevosProtocol : MaskDictionaryProtocol
{
    private readonly JsonValueIndex _foreground;

    public RevosProtocol(EvaluationRequest request, string split)
        : base(
            split,
            Path.Combine(request.Root, $"meta_expressions_{split}_.json"),
            Path.Combine(request.Root, "mask_dict.json"),
            request.PredictionRoot)
    {
        _foreground = JsonValueIndex.Open(Path.Combine(request.Root, "mask_dict_foreground.json"));
    }

    public override string Name => "revos";

    public override ExpressionResult Evaluate(ExpressionSpec expression, FrameWorkspace workspace, IProgress<long>? framesDone)
    {
        IReadOnlyList<string> frames = expression.Frames;
        if (!Directory.Exists(VideoFolder(expression)))
        {
            framesDone?.Report(frames.Count);
            Warn($"{VideoFolder(expression)}: video folder missing; expression {expression.ExpId} scored 0 as the official script does");
            return Zero(expression, PredictionStatus.MissingVideoZero, "video folder not found in predictions");
        }

        string folder = ExpressionFolder(expression);
        string firstPath = frames.Count > 0 ? FramePath(folder, frames[0]) : folder;
        if (frames.Count == 0 || !TryReadPrediction(firstPath, workspace.Prediction))
        {
            framesDone?.Report(frames.Count);
            Warn($"{firstPath}: missing; expression scored 0 as the official script does");
            return Zero(expression, PredictionStatus.MissingFramesZero, $"missing {firstPath}");
        }

        int width = workspace.Prediction.Width;
        int height = workspace.Prediction.Height;
        IReadOnlyList<IReadOnlyList<RleFrame?>> objects = LoadObjects(expression);
        List<RleFrame?> foreground = ForegroundOf(expression.VideoKey);
        FrameSeries series = workspace.Series;
        series.Clear();
        for (int t = 0; t < frames.Count; t++)
        {
            string path = firstPath;
            if (t > 0)
            {
                path = FramePath(folder, frames[t]);
                if (!TryReadPrediction(path, workspace.Prediction))
                {
                    framesDone?.Report(frames.Count - t);
                    Warn($"{path}: missing; expression scored 0 as the official script does");
                    return Zero(expression, PredictionStatus.MissingFramesZero, $"missing {path}");
                }

                CheckSameSize(workspace.Prediction, width, height, path, firstPath);
            }

            Span<byte> groundTruth = workspace.GroundTruth(width * height);
            RleGroundTruth.AddObjects(objects, expression.AnnoIds, t, Masks.Path, path, width, height, groundTruth);
            if (t >= foreground.Count || foreground[t] is not { } foregroundRle)
            {
                throw new InvalidDataException($"{_foreground.Path}: video \"{expression.VideoKey}\" has no foreground RLE for frame {t}");
            }

            // R reads only the foreground's pixel count, so the mask is counted from its runs, not decoded.
            ulong foregroundPixels = RleGroundTruth.CountForeground(foregroundRle, _foreground.Path, $"video \"{expression.VideoKey}\", frame {t}", path, width, height);

            // Column-major buffers are the transposed frame: width and height swap places.
            series.Add(workspace.Metrics.EvaluateRevos(groundTruth, workspace.PredictionColumnMajor(), foregroundPixels, height, width));
            framesDone?.Report(1);
        }

        return new ExpressionResult(expression, PredictionStatus.Scored, series.MeanJ, series.MeanF, series.MeanR, series.MeanA, frames.Count, null);
    }

    public override BenchmarkReport Aggregate(IReadOnlyList<ExpressionResult> results)
    {
        var lines = new List<ExpressionLine>(results.Count);
        foreach (ExpressionResult r in results)
        {
            // eval_revos.py: numpy round(100 * x, 2) per expression; JF from the unrounded J and F.
            lines.Add(new ExpressionLine(
                r.Spec.VideoKey,
                r.Spec.ExpId,
                r.Spec.Text,
                r.Spec.TypeId,
                NumpyRounding.Round(100 * r.J, 2),
                NumpyRounding.Round(100 * r.F, 2),
                NumpyRounding.Round(100 * (r.J + r.F) / 2, 2),
                NumpyRounding.Round(100 * r.R!.Value, 2),
                NumpyRounding.Round(100 * r.A!.Value, 2),
                r.Status,
                r.Note));
        }

        SubsetScore referring = Subset("referring", lines.Where(l => l.TypeId == 0).ToList());
        SubsetScore reasoning = Subset("reasoning", lines.Where(l => l.TypeId == 1).ToList());
        var overall = new SubsetScore(
            "overall",
            (referring.J + reasoning.J) / 2,
            (referring.F + reasoning.F) / 2,
            (referring.JF + reasoning.JF) / 2,
            (referring.R!.Value + reasoning.R!.Value) / 2,
            (referring.A!.Value + reasoning.A!.Value) / 2,
            referring.Expressions + reasoning.Expressions);
        long frames = results.Sum(r => (long)r.FramesScored);
        return new BenchmarkReport(Name, Split, [referring, reasoning, overall], lines, frames);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _foreground.Dispose();
        }

        base.Dispose(disposing);
    }

    private static SubsetScore Subset(string name, List<ExpressionLine> lines)
    {
        double j = Mean(lines, l => l.J);
        double f = Mean(lines, l => l.F);
        return new SubsetScore(name, j, f, (j + f) / 2, Mean(lines, l => l.R!.Value), Mean(lines, l => l.A!.Value), lines.Count);
    }

    private static double Mean(List<ExpressionLine> lines, Func<ExpressionLine, double> value)
    {
        double[] values = lines.Select(value).ToArray();
        return values.Length == 0 ? double.NaN : Metrics.NumpyReductions.Mean(values);
    }

    private static ExpressionResult Zero(ExpressionSpec expression, PredictionStatus status, string note) =>
        new(expression, status, 0, 0, 0, 0, 0, note);

    private List<RleFrame?> ForegroundOf(string videoKey)
    {
        byte[] value = _foreground.ReadValue(videoKey)
            ?? throw new InvalidDataException($"{_foreground.Path}: no entry for video \"{videoKey}\"");
        var reader = new System.Text.Json.Utf8JsonReader(value);
        try
        {
            reader.Read();
            if (reader.TokenType == System.Text.Json.JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
                {
                    bool isMasks = reader.ValueTextEquals("masks_rle"u8);
                    reader.Read();
                    if (isMasks)
                    {
                        long start = reader.TokenStartIndex;
                        reader.Skip();
                        int end = (int)reader.BytesConsumed;
                        return MaskDictionary.ParseFrameList(value.AsSpan((int)start, end - (int)start), _foreground.Path, $"video \"{videoKey}\" masks_rle");
                    }

                    reader.Skip();
                }
            }
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{_foreground.Path}: video \"{videoKey}\": malformed JSON: {e.Message}", e);
        }

        throw new InvalidDataException($"{_foreground.Path}: video \"{videoKey}\" has no \"masks_rle\" list");
    }
}
