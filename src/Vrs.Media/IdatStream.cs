using System.Buffers.Binary;

namespace Vrs.Media;

/// <summary>
/// Reads the payloads of a run of consecutive IDAT chunks as one stream (the zlib data is split across them
/// arbitrarily), without copying the file. The layout was validated by <see cref="PngChunkLayout"/> first;
/// a final chunk cut off by the end of the file yields the bytes that are present.
/// </summary>
internal sealed class IdatStream : Stream
{
    private readonly ReadOnlyMemory<byte> _file;
    private int _position;
    private int _remainingInChunk;

    public IdatStream(ReadOnlyMemory<byte> file, int firstIdat)
    {
        _file = file;
        _position = firstIdat;
        EnterChunk();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ReadOnlySpan<byte> file = _file.Span;
        while (_remainingInChunk == 0)
        {
            // Skip this chunk's CRC and continue only if the next chunk is another IDAT.
            _position += 4;
            if (file.Length - _position < 8 || BinaryPrimitives.ReadUInt32BigEndian(file[(_position + 4)..]) != PngChunkLayout.IDAT)
            {
                return 0;
            }

            EnterChunk();
            if (_remainingInChunk == 0 && file.Length - _position < 4)
            {
                return 0;
            }
        }

        int n = Math.Min(buffer.Length, _remainingInChunk);
        file.Slice(_position, n).CopyTo(buffer);
        _position += n;
        _remainingInChunk -= n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private void EnterChunk()
    {
        ReadOnlySpan<byte> file = _file.Span;
        int length = (int)BinaryPrimitives.ReadUInt32BigEndian(file[_position..]);
        _position += 8;
        _remainingInChunk = Math.Min(length, file.Length - _position);
    }
}
