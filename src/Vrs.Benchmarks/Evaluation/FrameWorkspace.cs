using Vrs.Benchmarks.Metrics;
using Vrs.Media;

namespace Vrs.Benchmarks.Evaluation;

/// <summary>Frame-sized buffers and metric scratch one evaluation worker reuses for every frame it scores.</summary>
public sealed class FrameWorkspace
{
    private byte[] _groundTruth = [];
    private bool _groundTruthClean;
    private byte[] _void = [];
    private byte[] _transposed = [];

    /// <summary>The prediction (or ground-truth PNG) decoder target.</summary>
    public GrayImage Prediction { get; } = new(0, 0);

    /// <summary>A second decoder target, for benchmarks whose ground truth is a PNG.</summary>
    public GrayImage GroundTruthImage { get; } = new(0, 0);

    public FrameEvaluator Metrics { get; } = new();

    /// <summary>Per-frame values of the expression being scored, averaged the way numpy does at the end.</summary>
    public FrameSeries Series { get; } = new();

    /// <summary>
    /// An all-zero buffer for the ground truth (sum of object masks) of a frame with <paramref name="pixels"/> pixels.
    /// It is cleared whole only when the last user did not hand it back clean (<see cref="GroundTruthIsClean"/>):
    /// undoing a frame's object runs costs a fraction of clearing a 1280×720 buffer.
    /// </summary>
    public Span<byte> GroundTruth(int pixels)
    {
        bool clean = _groundTruthClean;
        _groundTruthClean = false;
        if (_groundTruth.Length < pixels)
        {
            _groundTruth = new byte[pixels];
        }
        else if (!clean)
        {
            Array.Clear(_groundTruth);
        }

        return _groundTruth.AsSpan(0, pixels);
    }

    /// <summary>Says the caller zeroed everything it wrote into the <see cref="GroundTruth"/> buffer.</summary>
    public void GroundTruthIsClean() => _groundTruthClean = true;

    /// <summary>A zeroed buffer for a void mask of <paramref name="pixels"/> pixels (DAVIS label 255).</summary>
    public Span<byte> VoidMask(int pixels) => Zeroed(ref _void, pixels);

    /// <summary>The prediction transposed into column-major order, to meet COCO RLE masks without transposing them.</summary>
    public Span<byte> PredictionColumnMajor()
    {
        GrayImage prediction = Prediction;
        int pixels = prediction.Width * prediction.Height;
        if (_transposed.Length < pixels)
        {
            _transposed = GC.AllocateUninitializedArray<byte>(pixels);
        }

        Span<byte> span = _transposed.AsSpan(0, pixels);
        CocoRle.TransposeToColumnMajor(prediction.Pixels, prediction.Height, prediction.Width, span);
        return span;
    }

    private static Span<byte> Zeroed(ref byte[] buffer, int pixels)
    {
        if (buffer.Length < pixels)
        {
            buffer = GC.AllocateUninitializedArray<byte>(pixels);
        }

        Span<byte> span = buffer.AsSpan(0, pixels);
        span.Clear();
        return span;
    }
}
