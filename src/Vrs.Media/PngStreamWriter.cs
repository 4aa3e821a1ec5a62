using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Vrs.Media;

/// <summary>
/// The one PNG writer behind the gray, palette and RGB encoders: signature, IHDR, optional PLTE, one IDAT, IEND.
/// Every row uses the Up filter (identical rows become zeros) and zlib runs at its fastest level, which on masks
/// and overlays costs little size and much time.
/// </summary>
internal static class PngStreamWriter
{
    public const byte Gray = 0;
    public const byte Rgb = 2;
    public const byte Palette = 3;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <param name="pixels">row-major 8-bit samples, <paramref name="stride"/> bytes a row.</param>
    public static void Write(Stream output, ReadOnlySpan<byte> pixels, int width, int height, int stride, byte colorType, ReadOnlySpan<byte> palette)
    {
        if (width == 0 || height == 0)
        {
            throw new ArgumentException($"PNG cannot hold an empty image ({width}×{height})");
        }

        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;
        header[9] = colorType;
        header[10] = 0;
        header[11] = 0;
        header[12] = 0;
        WriteChunk(output, PngChunkLayout.IHDR, header);
        if (!palette.IsEmpty)
        {
            WriteChunk(output, PngChunkLayout.PLTE, palette);
        }

        using (var compressed = new MemoryStream())
        {
            Compress(pixels, stride, height, compressed);
            WriteChunk(output, PngChunkLayout.IDAT, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(output, PngChunkLayout.IEND, []);
    }

    private static void Compress(ReadOnlySpan<byte> pixels, int stride, int height, MemoryStream destination)
    {
        byte[] line = ArrayPool<byte>.Shared.Rent(stride + 1);
        byte[] zeros = ArrayPool<byte>.Shared.Rent(stride);
        try
        {
            Array.Clear(zeros, 0, stride);
            using var zlib = new ZLibStream(destination, CompressionLevel.Fastest, leaveOpen: true);
            Span<byte> filtered = line.AsSpan(1, stride);
            line[0] = PngFilters.Up;
            for (int y = 0; y < height; y++)
            {
                ReadOnlySpan<byte> prior = y == 0 ? zeros.AsSpan(0, stride) : pixels.Slice((y - 1) * stride, stride);
                PngFilters.FilterUp(pixels.Slice(y * stride, stride), prior, filtered);
                zlib.Write(line, 0, stride + 1);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(zeros);
            ArrayPool<byte>.Shared.Return(line);
        }
    }

    private static void WriteChunk(Stream output, uint type, ReadOnlySpan<byte> data)
    {
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(prefix, data.Length);
        BinaryPrimitives.WriteUInt32BigEndian(prefix[4..], type);
        output.Write(prefix);
        output.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(prefix[4..], data));
        output.Write(crc);
    }
}
