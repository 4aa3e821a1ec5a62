using System.Runtime.ExceptionServices;

namespace Vrs.Media.Video;

/// <summary>
/// Reads fixed-size raw frames from a decoder's stdout on a background thread, one frame ahead of the consumer.
/// ffmpeg 5 decodes and writes on one thread, and a frame is larger than the pipe: without a reader draining the
/// pipe it stops decoding while the consumer converts or uses the previous frame. Two buffers: the frame
/// <see cref="Next"/> returns stays valid until the next call, while the other one is being filled.
/// </summary>
internal sealed class RawFrameReader : IDisposable
{
    private readonly Stream _input;
    private readonly int _frameCount;
    private readonly byte[][] _buffers;
    private readonly int[] _got = new int[2];
    private readonly ExceptionDispatchInfo?[] _errors = new ExceptionDispatchInfo?[2];
    private readonly SemaphoreSlim _filled = new(0, 2);
    private readonly SemaphoreSlim _free = new(2, 2);
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private int _next;
    private bool _holding;
    private bool _ended;
    private bool _disposed;

    public RawFrameReader(Stream input, int frameBytes, int frameCount)
    {
        _input = input;
        _frameCount = frameCount;
        _buffers = [new byte[frameBytes], new byte[frameBytes]];
        _thread = new Thread(Produce) { IsBackground = true, Name = "vrs-frame-reader" };
        _thread.Start();
    }

    public int FrameBytes => _buffers[0].Length;

    /// <summary>
    /// The next frame's buffer and how many bytes of it were read (fewer than <see cref="FrameBytes"/> when the
    /// stream ended early). Rethrows what reading threw.
    /// </summary>
    public (byte[] Buffer, int Got) Next(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_ended)
        {
            return (_buffers[_next % 2], 0);
        }

        if (_holding)
        {
            _free.Release();
            _holding = false;
        }

        _filled.Wait(cancellationToken);
        _holding = true;
        int slot = _next % 2;
        _next++;
        _errors[slot]?.Throw();
        if (_got[slot] < _buffers[slot].Length)
        {
            _ended = true;
        }

        return (_buffers[slot], _got[slot]);
    }

    /// <summary>Stops the reader thread; kill the process first so a blocked read returns.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        _filled.Dispose();
        _free.Dispose();
    }

    private void Produce()
    {
        for (int i = 0; i < _frameCount; i++)
        {
            try
            {
                _free.Wait(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            int slot = i % 2;
            bool last = false;
            try
            {
                _got[slot] = _input.ReadAtLeast(_buffers[slot], _buffers[slot].Length, throwOnEndOfStream: false);
                last = _got[slot] < _buffers[slot].Length;
            }
#pragma warning disable CA1031 // Whatever reading throws is the consumer's to see, on its own thread.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _errors[slot] = ExceptionDispatchInfo.Capture(e);
                last = true;
            }

            _filled.Release();
            if (last)
            {
                return;
            }
        }
    }
}
