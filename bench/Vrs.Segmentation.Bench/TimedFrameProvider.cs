using System.Diagnostics;
using Vrs.Segmentation;

/// <summary>Passes frames through and adds up the time the predictor waits for them (decode, scale, copy).</summary>
internal sealed class TimedFrameProvider(IFrameProvider inner) : IFrameProvider
{
    private long _ticks;

    public int FrameCount => inner.FrameCount;

    public int Width => inner.Width;

    public int Height => inner.Height;

    public int Reads { get; private set; }

    public TimeSpan ReadTime => Stopwatch.GetElapsedTime(0, _ticks);

    public void ReadModelFrame(int index, int size, Span<byte> rgb)
    {
        long start = Stopwatch.GetTimestamp();
        inner.ReadModelFrame(index, size, rgb);
        _ticks += Stopwatch.GetTimestamp() - start;
        Reads++;
    }
}
