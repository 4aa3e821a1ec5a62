using System.Globalization;
using Vrs.Benchmarks.Aggregation;
using Vrs.Benchmarks.Datasets;
using Vrs.Benchmarks.Evaluation;
using Vrs.Benchmarks.Metrics;
using Vrs.Media;

namespace Vrs.Benchmarks.Protocols;

/// <summary>
/// Ref-DAVIS17 as ReferFormer and VideoLISA score it: the DAVIS 2017 toolkit in unsupervised mode, once per
/// annotator folder <c>anno_0..anno_3</c> (or once for a single results folder), then the four averaged.
/// Ground truth: <c>Annotations_unsupervised/480p/&lt;seq&gt;/*.png</c>, objects = labels 1..max of the first frame,
/// 255 = void (left out of J and F). Results: indexed PNGs <c>&lt;folder&gt;/&lt;seq&gt;/&lt;frame&gt;.png</c>, labels
/// 1..max over the sequence (at most 20), matched to objects by the assignment maximising (mean J + mean F) / 2.
/// Per object: J and F Mean/Recall/Decay; a folder's J&amp;F = (mean J-Mean + mean F-Mean) / 2 over all objects.
/// </summary>
internal sealed class RefDavisProtocol : BenchmarkProtocol
{
    private const int MaxProposals = 20;
    private const byte VoidLabel = 255;

    private readonly string _groundTruthRoot;
    private readonly List<ExpressionSpec> _items = [];
    private readonly Dictionary<string, string> _resultFolders = new(StringComparer.Ordinal);

    public RefDavisProtocol(EvaluationRequest request, string split)
    {
        Split = split;
        _groundTruthRoot = Path.Combine(request.Root, "Annotations_unsupervised", "480p");
        string listPath = Path.Combine(request.Root, "ImageSets", "2017", split + ".txt");
        if (!File.Exists(listPath))
        {
            throw new FileNotFoundException($"{listPath}: sequence list for split \"{split}\" not found", listPath);
        }

        var annotators = Directory.EnumerateDirectories(request.PredictionRoot, "anno_*")
            .Select(Path.GetFileName)
            .Where(n => n is not null && n.Length > 5 && n[5..].All(char.IsAsciiDigit))
            .Select(n => n!)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (annotators.Count == 0)
        {
            _resultFolders["results"] = request.PredictionRoot;
        }
        else
        {
            foreach (string annotator in annotators)
            {
                _resultFolders[annotator] = Path.Combine(request.PredictionRoot, annotator);
            }
        }

        List<string> sequences = File.ReadAllLines(listPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var framesBySequence = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (string sequence in sequences)
        {
            string folder = ContainedPath.Combine(_groundTruthRoot, "sequence", sequence);
            if (!Directory.Exists(folder))
            {
                throw new DirectoryNotFoundException($"{folder}: ground truth of sequence \"{sequence}\" (listed in {listPath}) not found");
            }

            var frames = Directory.EnumerateFiles(folder, "*.png").Select(Path.GetFileNameWithoutExtension).Select(n => n!).ToList();
            frames.Sort(StringComparer.Ordinal);
            if (frames.Count == 0)
            {
                throw new InvalidDataException($"{folder}: no ground-truth PNGs");
            }

            framesBySequence[sequence] = frames;
        }

        foreach (string folder in _resultFolders.Keys)
        {
            foreach (string sequence in sequences)
            {
                _items.Add(new ExpressionSpec(sequence, folder, "", [], 0, framesBySequence[sequence]));
            }
        }
    }

    public override string Name => "refdavis";

    public override string Split { get; }

    public override IReadOnlyList<ExpressionSpec> Expressions => _items;

    public override ExpressionResult Evaluate(ExpressionSpec expression, FrameWorkspace workspace, IProgress<long>? framesDone)
    {
        IReadOnlyList<string> frames = expression.Frames;
        string groundTruthFolder = ContainedPath.Combine(_groundTruthRoot, "sequence", expression.VideoKey);
        string resultFolder = ContainedPath.Combine(_resultFolders[expression.ExpId], "sequence", expression.VideoKey);

        // Objects: labels 1..max of the first ground-truth frame (void removed).
        GrayImage groundTruth = workspace.GroundTruthImage;
        string firstGroundTruth = Path.Combine(groundTruthFolder, frames[0] + ".png");
        PngDecoder.ReadIndexed(firstGroundTruth, groundTruth);
        int width = groundTruth.Width;
        int height = groundTruth.Height;
        int objects = MaxLabel(groundTruth.Pixels);

        // Proposals: labels 1..max over the whole result sequence; fewer than the objects are padded with empty masks.
        GrayImage result = workspace.Prediction;
        int proposals = 0;
        foreach (string frame in frames)
        {
            string path = ResultPath(resultFolder, frame);
            ReadResult(path, result, width, height, firstGroundTruth);
            proposals = Math.Max(proposals, MaxLabel(result.Pixels, countVoid: true));
        }

        if (proposals > MaxProposals)
        {
            throw new InvalidDataException(
                $"{resultFolder}: labels go up to {proposals}, but the DAVIS toolkit allows at most {MaxProposals} proposals " +
                "(a 0/255 mask counts as label 255: write indexed PNGs with labels 1..N)");
        }

        int rows = Math.Max(proposals, objects);
        var j = new double[rows, objects, frames.Count];
        var f = new double[rows, objects, frames.Count];
        int pixels = width * height;
        Span<byte> voidMask = workspace.VoidMask(pixels);
        byte[] objectMask = new byte[pixels];
        byte[] proposalMask = new byte[pixels];
        for (int t = 0; t < frames.Count; t++)
        {
            string groundTruthPath = Path.Combine(groundTruthFolder, frames[t] + ".png");
            PngDecoder.ReadIndexed(groundTruthPath, groundTruth);
            if (groundTruth.Width != width || groundTruth.Height != height)
            {
                throw new InvalidDataException($"{groundTruthPath}: {groundTruth.Width}×{groundTruth.Height}, but {firstGroundTruth} is {width}×{height}");
            }

            ReadResult(ResultPath(resultFolder, frames[t]), result, width, height, firstGroundTruth);
            ReadOnlySpan<byte> labels = groundTruth.Pixels;
            for (int p = 0; p < pixels; p++)
            {
                voidMask[p] = labels[p] == VoidLabel ? (byte)1 : (byte)0;
            }

            for (int ii = 0; ii < objects; ii++)
            {
                Select(labels, (byte)(ii + 1), objectMask);
                for (int jj = 0; jj < rows; jj++)
                {
                    Select(result.Pixels, (byte)(jj + 1), proposalMask);
                    FrameScores scores = workspace.Metrics.Evaluate(objectMask, proposalMask, voidMask, width, height);
                    j[jj, ii, t] = scores.J;
                    f[jj, ii, t] = scores.F;
                }
            }

            framesDone?.Report(1);
        }

        var results = new List<ObjectResult>(objects);
        if (objects > 0)
        {
            var weights = new double[rows, objects];
            for (int jj = 0; jj < rows; jj++)
            {
                for (int ii = 0; ii < objects; ii++)
                {
                    weights[jj, ii] = (NumpyReductions.Mean(Row(j, jj, ii)) + NumpyReductions.Mean(Row(f, jj, ii))) / 2;
                }
            }

            IReadOnlyList<(int Row, int Column)> pairs = HungarianAssignment.Maximize(weights);
            for (int k = 0; k < pairs.Count; k++)
            {
                (int jj, int ii) = pairs[k];
                results.Add(new ObjectResult(
                    string.Create(CultureInfo.InvariantCulture, $"{expression.VideoKey}_{k + 1}"),
                    DavisStatistics.Compute(Row(j, jj, ii)),
                    DavisStatistics.Compute(Row(f, jj, ii))));
            }
        }

        return new ExpressionResult(expression, PredictionStatus.Scored, double.NaN, double.NaN, null, null, frames.Count, null, results);
    }

    public override BenchmarkReport Aggregate(IReadOnlyList<ExpressionResult> results)
    {
        var subsets = new List<SubsetScore>();
        var lines = new List<ExpressionLine>();
        foreach (IGrouping<string, ExpressionResult> folder in results.GroupBy(r => r.Spec.ExpId))
        {
            List<ObjectResult> objects = folder.SelectMany(r => r.Objects ?? []).ToList();
            double jMean = 100 * NumpyReductions.Mean(objects.Select(o => o.J.Mean).ToArray());
            double fMean = 100 * NumpyReductions.Mean(objects.Select(o => o.F.Mean).ToArray());
            subsets.Add(new SubsetScore(folder.Key, jMean, fMean, (jMean + fMean) / 2, null, null, objects.Count));
            foreach (ExpressionResult r in folder)
            {
                foreach (ObjectResult o in r.Objects ?? [])
                {
                    lines.Add(new ExpressionLine(r.Spec.VideoKey, $"{folder.Key}/{o.Name}", "", 0,
                        100 * o.J.Mean, 100 * o.F.Mean, 100 * (o.J.Mean + o.F.Mean) / 2, null, null, r.Status, null));
                }
            }
        }

        // Papers quote the mean of the four annotator runs; with one results folder that is just its score.
        if (subsets.Count == 1)
        {
            subsets[0] = subsets[0] with { Name = "overall" };
        }
        else
        {
            double j = subsets.Average(s => s.J);
            double f = subsets.Average(s => s.F);
            subsets.Add(new SubsetScore("overall", j, f, subsets.Average(s => s.JF), null, null, subsets.Sum(s => s.Expressions)));
        }

        return new BenchmarkReport(Name, Split, subsets, lines, results.Sum(r => (long)r.FramesScored));
    }

    private static string ResultPath(string folder, string frame) => Path.Combine(folder, frame + ".png");

    private static void ReadResult(string path, GrayImage destination, int width, int height, string groundTruthPath)
    {
        try
        {
            PngDecoder.ReadIndexed(path, destination);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: result frame not found (the DAVIS toolkit stops here too)", path, e);
        }

        if (destination.Width != width || destination.Height != height)
        {
            throw new InvalidDataException($"{path}: result is {destination.Width}×{destination.Height} but the ground truth {groundTruthPath} is {width}×{height}");
        }
    }

    private static int MaxLabel(ReadOnlySpan<byte> labels, bool countVoid = false)
    {
        int max = 0;
        foreach (byte label in labels)
        {
            if ((countVoid || label != VoidLabel) && label > max)
            {
                max = label;
            }
        }

        return max;
    }

    private static void Select(ReadOnlySpan<byte> labels, byte label, Span<byte> mask)
    {
        for (int p = 0; p < labels.Length; p++)
        {
            mask[p] = labels[p] == label ? (byte)1 : (byte)0;
        }
    }

    private static double[] Row(double[,,] values, int row, int column)
    {
        int frames = values.GetLength(2);
        var series = new double[frames];
        for (int t = 0; t < frames; t++)
        {
            series[t] = values[row, column, t];
        }

        return series;
    }
}
