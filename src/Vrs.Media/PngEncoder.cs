using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace Vrs.Media;

/// <summary>
/// Writes 8-bit gray and 8-bit palette PNGs, tuned for masks: every row uses the Up filter (identical rows become
/// zeros) and zlib runs at its fastest level, which on masks costs little size and much time.
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes <paramref name="image"/> as an 8-bit gray PNG ('L' in PIL).</summary>
    public static void WriteGray(Stream output, GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(image);
        Write(output, image, colorType: 0, palette: default);
    }

    /// <summary>Writes an 8-bit gray PNG through a temporary file renamed into place, so a killed run leaves no partial file.</summary>
    public static void WriteGray(string path, GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        WriteAtomically(path, stream => WriteGray(stream, image));
    }

    /// <summary>
    /// Writes <paramref name="indices"/> as an 8-bit palette PNG ('P' in PIL) with <paramref name="paletteRgb"/>
    /// (RGB triples, 1..256 entries, e.g. the DAVIS palette). Every index must have a palette entry.
    /// </summary>
    public static void WriteIndexed(Stream output, GrayImage indices, ReadOnlySpan<byte> paletteRgb)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(indices);
        if (paletteRgb.Length == 0 || paletteRgb.Length % 3 != 0 || paletteRgb.Length > 768)
        {
            throw new ArgumentException($"a palette is 1..256 RGB triples; got {paletteRgb.Length} bytes", nameof(paletteRgb));
        }

        int entries = paletteRgb.Length / 3;
        int outside = indices.Pixels.AsSpan().IndexOfAnyInRange((byte)Math.Min(entries, 255), (byte)255);
        if (entries < 256 && outside >= 0)
        {
            throw new ArgumentException($"pixel {outside} has index {indices.Pixels[outside]} but the palette has only {entries} entries", nameof(indices));
        }

        Write(output, indices, colorType: 3, paletteRgb);
    }

    public static void WriteIndexed(string path, GrayImage indices, ReadOnlySpan<byte> paletteRgb)
    {
        ArgumentNullException.ThrowIfNull(indices);
        byte[] palette = paletteRgb.ToArray();
        WriteAtomically(path, stream => WriteIndexed(stream, indices, palette));
    }

    private static void Write(Stream output, GrayImage image, byte colorType, ReadOnlySpan<byte> palette)
    {
        if (image.Width == 0 || image.Height == 0)
        {
            throw new ArgumentException($"PNG cannot hold an empty image ({image.Width}×{image.Height})", nameof(image));
        }

        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
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
            Compress(image, compressed);
            WriteChunk(output, PngChunkLayout.IDAT, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        }

        WriteChunk(output, PngChunkLayout.IEND, []);
    }

    private static void Compress(GrayImage image, MemoryStream destination)
    {
        int width = image.Width;
        byte[] line = ArrayPool<byte>.Shared.Rent(width + 1);
        byte[] zeros = ArrayPool<byte>.Shared.Rent(width);
        try
        {
            Array.Clear(zeros, 0, width);
            using var zlib = new ZLibStream(destination, CompressionLevel.Fastest, leaveOpen: true);
            Span<byte> filtered = line.AsSpan(1, width);
            line[0] = PngFilters.Up;
            for (int y = 0; y < image.Height; y++)
            {
                ReadOnlySpan<byte> prior = y == 0 ? zeros.AsSpan(0, width) : image.Row(y - 1);
                PngFilters.FilterUp(image.Row(y), prior, filtered);
                zlib.Write(line, 0, width + 1);
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

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        string temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
