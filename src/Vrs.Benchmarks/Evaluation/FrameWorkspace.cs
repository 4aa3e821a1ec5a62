using Vrs.Benchmarks.Metrics;
using Vrs.Media;

namespace Vrs.Benchmarks.Evaluation;

/// <summary>Frame-sized buffers and metric scratch one evaluation worker reuses for every frame it scores.</summary>
public sealed class FrameWorkspace
{
    private byte[] _groundTruth = [];
    private byte[] _void = [];
    private byte[] _transposed = [];

    /// <summary>The prediction (or ground-truth PNG) decoder target.</summary>
    public GrayImage Prediction { get; } = new(0, 0);

    /// <summary>A second decoder target, for benchmarks whose ground truth is a PNG.</summary>
    public GrayImage GroundTruthImage { get; } = new(0, 0);

    public FrameEvaluator Metrics { get; } = new();

    /// <summary>Per-frame values of the expression being scored, averaged the way numpy does at the end.</summary>
    public FrameSeries Series { get; } = new();

    /// <summary>A zeroed buffer for the ground truth (sum of object masks) of a frame with <paramref name="pixels"/> pixels.</summary>
    public Span<byte> GroundTruth(int pixels) => Zeroed(ref _groundTruth, pixels);

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
