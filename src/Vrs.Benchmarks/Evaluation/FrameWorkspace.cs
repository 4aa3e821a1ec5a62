namespace Vrs.Benchmarks.Evaluation;

/// <summary>Frame-sized buffers one evaluation worker reuses for every frame it scores.</summary>
public sealed class FrameWorkspace
{
    private byte[] _groundTruth = [];
    private byte[] _foreground = [];

    /// <summary>A zeroed buffer for the ground truth (sum of object masks) of a frame with <paramref name="pixels"/> pixels.</summary>
    public Span<byte> GroundTruth(int pixels) => Zeroed(ref _groundTruth, pixels);

    /// <summary>A zeroed buffer for a foreground mask of <paramref name="pixels"/> pixels.</summary>
    public Span<byte> Foreground(int pixels) => Zeroed(ref _foreground, pixels);

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
