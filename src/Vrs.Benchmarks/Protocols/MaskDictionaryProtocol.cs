using Vrs.Benchmarks.Datasets;
using Vrs.Benchmarks.Evaluation;
using Vrs.Media;

namespace Vrs.Benchmarks.Protocols;

/// <summary>
/// What the ReVOS and MeViS scripts share: expressions from a meta-expressions file, ground truth from a COCO-RLE
/// mask dictionary, predictions at <c>pred/&lt;video&gt;/&lt;exp_id&gt;/&lt;frame&gt;.png</c> read as OpenCV grayscale,
/// frame size taken from the prediction, per-expression means over every listed frame.
/// </summary>
internal abstract class MaskDictionaryProtocol : BenchmarkProtocol
{
    private readonly IReadOnlyList<ExpressionSpec> _expressions;

    protected MaskDictionaryProtocol(string split, string metaPath, string maskDictPath, string predictionRoot)
    {
        Split = split;
        PredictionRoot = predictionRoot;
        _expressions = MetaExpressionsReader.Read(metaPath);
        Masks = MaskDictionary.Open(maskDictPath);
    }

    public override string Split { get; }

    public override IReadOnlyList<ExpressionSpec> Expressions => _expressions;

    protected string PredictionRoot { get; }

    protected MaskDictionary Masks { get; }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Masks.Dispose();
        }

        base.Dispose(disposing);
    }

    protected IReadOnlyList<IReadOnlyList<RleFrame?>> LoadObjects(ExpressionSpec expression) =>
        expression.AnnoIds.Select(Masks.Get).ToArray();

    protected string ExpressionFolder(ExpressionSpec expression) =>
        ContainedPath.Combine(PredictionRoot, "video key / expression id", expression.VideoKey, expression.ExpId);

    protected string VideoFolder(ExpressionSpec expression) =>
        ContainedPath.Combine(PredictionRoot, "video key", expression.VideoKey);

    protected static string FramePath(string expressionFolder, string frame) =>
        ContainedPath.Combine(expressionFolder, "frame name", frame + ".png");

    /// <summary>Reads a prediction PNG; a missing file returns false, a corrupt one throws naming the file.</summary>
    protected static bool TryReadPrediction(string path, GrayImage destination)
    {
        try
        {
            PngDecoder.ReadGray(path, destination);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    protected static void CheckSameSize(GrayImage prediction, int width, int height, string path, string firstPath)
    {
        if (prediction.Width != width || prediction.Height != height)
        {
            throw new InvalidDataException(
                $"{path}: prediction is {prediction.Width}×{prediction.Height} but the expression's first frame {firstPath} is {width}×{height}");
        }
    }
}
