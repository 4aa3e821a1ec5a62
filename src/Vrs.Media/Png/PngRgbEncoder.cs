using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Vrs.Media.IO;

namespace Vrs.Media.Png;

/// <summary>
/// Writes 8-bit RGB PNGs (colour type 2) for overlays and heatmaps. Rows use the Up filter and zlib its fastest
/// level, like <see cref="PngEncoder"/>; PNG's other filters would shrink photos a little and cost more time.
/// </summary>
public static class PngRgbEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes <paramref name="rgb"/> (row-major R, G, B bytes, <c>width * height * 3</c> of them).</summary>
    public static void Write(Stream output, ReadOnlySpan<byte> rgb, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        int stride = checked(width * 3);
        if (rgb.Length != checked(stride * height))
        {
            throw new ArgumentException($"an RGB image of {width}×{height} needs {stride * height} bytes; got {rgb.Length}", nameof(rgb));
        }

        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;
        header[9] = 2;
        header[10] = 0;
        header[11] = 0;
        header[12] = 0;
        WriteChunk(output, PngChunkLayout.IHDR, header);
        using (var compressed = new MemoryStream())
        {
            Compress(rgb, stride, height, compressed);
            WriteChunk(output, PngChunkLayout.IDAT, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(output, PngChunkLayout.IEND, []);
    }

    /// <summary>Writes through a temporary file renamed into place, so a killed run leaves no partial PNG.</summary>
    public static void Write(string path, byte[] rgb, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        AtomicFile.Write(path, stream => Write(stream, rgb, width, height));
    }

    private static void Compress(ReadOnlySpan<byte> rgb, int stride, int height, MemoryStream destination)
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
                ReadOnlySpan<byte> prior = y == 0 ? zeros.AsSpan(0, stride) : rgb.Slice((y - 1) * stride, stride);
                PngFilters.FilterUp(rgb.Slice(y * stride, stride), prior, filtered);
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
