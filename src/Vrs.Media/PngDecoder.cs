using System.Buffers;
using System.IO.Compression;
using Microsoft.Win32.SafeHandles;

namespace Vrs.Media;

/// <summary>
/// Reads PNG files into one byte per pixel, either exactly as <c>cv2.imread(path, cv2.IMREAD_GRAYSCALE)</c>
/// does (<c>ReadGray</c>) or as PIL's raw single-channel values (<c>ReadIndexed</c>: palette indices, gray values).
/// Any malformed input throws <see cref="InvalidDataException"/> whose message starts with the file's name.
/// </summary>
public static class PngDecoder
{
    /// <summary>Decodes a PNG file like <c>cv2.imread(path, cv2.IMREAD_GRAYSCALE)</c>.</summary>
    public static GrayImage ReadGray(string path)
    {
        var image = new GrayImage(0, 0);
        ReadFile(path, image, PngPixelMode.OpenCvGray);
        return image;
    }

    /// <summary>Decodes into <paramref name="destination"/>, reusing its buffer when the size matches.</summary>
    public static void ReadGray(string path, GrayImage destination) => ReadFile(path, destination, PngPixelMode.OpenCvGray);

    /// <summary>Decodes PNG bytes; <paramref name="sourceName"/> names them in error messages.</summary>
    public static GrayImage ReadGray(ReadOnlyMemory<byte> png, string sourceName)
    {
        var image = new GrayImage(0, 0);
        Decode(png, sourceName, image, PngPixelMode.OpenCvGray);
        return image;
    }

    public static void ReadGray(ReadOnlyMemory<byte> png, string sourceName, GrayImage destination) =>
        Decode(png, sourceName, destination, PngPixelMode.OpenCvGray);

    /// <summary>Reads a whole PNG stream and decodes it like <c>cv2.imread(path, cv2.IMREAD_GRAYSCALE)</c>.</summary>
    public static GrayImage ReadGray(Stream stream, string sourceName)
    {
        var image = new GrayImage(0, 0);
        ReadStream(stream, sourceName, image, PngPixelMode.OpenCvGray);
        return image;
    }

    /// <summary>
    /// Decodes a palette or gray (≤ 8-bit) PNG to its raw values as PIL gives them: palette indices, gray values
    /// (a 1-bit image gives 0/1). Other colour types have no single raw value per pixel and are refused.
    /// </summary>
    public static GrayImage ReadIndexed(string path)
    {
        var image = new GrayImage(0, 0);
        ReadFile(path, image, PngPixelMode.Raw);
        return image;
    }

    public static void ReadIndexed(string path, GrayImage destination) => ReadFile(path, destination, PngPixelMode.Raw);

    public static GrayImage ReadIndexed(ReadOnlyMemory<byte> png, string sourceName)
    {
        var image = new GrayImage(0, 0);
        Decode(png, sourceName, image, PngPixelMode.Raw);
        return image;
    }

    public static void ReadIndexed(ReadOnlyMemory<byte> png, string sourceName, GrayImage destination) =>
        Decode(png, sourceName, destination, PngPixelMode.Raw);

    public static GrayImage ReadIndexed(Stream stream, string sourceName)
    {
        var image = new GrayImage(0, 0);
        ReadStream(stream, sourceName, image, PngPixelMode.Raw);
        return image;
    }

    private static void ReadFile(string path, GrayImage destination, PngPixelMode mode)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(destination);

        // One pooled buffer per call and no FileStream: the eval loop reads thousands of small files.
        using SafeFileHandle handle = File.OpenHandle(path);
        long length = RandomAccess.GetLength(handle);
        if (length > int.MaxValue)
        {
            throw PngChunkLayout.Error(path, $"is too large ({length} bytes) to be a mask PNG");
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            int read = 0;
            while (read < length)
            {
                int n = RandomAccess.Read(handle, buffer.AsSpan(read, (int)length - read), read);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            Decode(buffer.AsMemory(0, read), path, destination, mode);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void ReadStream(Stream stream, string sourceName, GrayImage destination, PngPixelMode mode)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        Decode(copy.GetBuffer().AsMemory(0, (int)copy.Length), sourceName, destination, mode);
    }

    private static void Decode(ReadOnlyMemory<byte> file, string source, GrayImage destination, PngPixelMode mode)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        PngChunkLayout layout = PngChunkLayout.Parse(file.Span, source);
        PngHeader header = layout.Header;
        if (mode == PngPixelMode.Raw && !PngPixelConverter.HasRawSingleByte(header))
        {
            throw PngChunkLayout.Error(source, $"is {Describe(header)}, which has no single raw value per pixel (only gray up to 8 bits and palette images do)");
        }

        long total = 0;
        int passes = header.Interlaced ? Adam7.PassCount : 1;
        for (int p = 0; p < passes; p++)
        {
            Adam7.PassGeometry pass = Adam7.Pass(p, header.Width, header.Height, header.Interlaced);
            total += (long)pass.Height * (1 + header.RowBytes(pass.Width));
        }

        if (total > Array.MaxLength)
        {
            throw PngChunkLayout.Error(source, $"is too large to decode ({header.Width}×{header.Height}, {Describe(header)})");
        }

        byte[] scanlines = ArrayPool<byte>.Shared.Rent((int)total);
        byte[] scratch = ArrayPool<byte>.Shared.Rent(header.RowBytes(header.Width) + header.Width);
        try
        {
            int inflated = Inflate(file, layout, source, scanlines.AsSpan(0, (int)total));
            if (inflated < total || layout.Truncation is not null)
            {
                throw PngChunkLayout.Error(source, DescribeTruncation(header, layout.Truncation, inflated));
            }

            Span<byte> lut = stackalloc byte[256];
            PngPixelConverter.BuildLookup(header, file.Span.Slice(layout.PaletteStart, layout.PaletteLength), mode, lut);
            destination.Resize(header.Width, header.Height);
            Reconstruct(header, source, scanlines, scratch, lut, destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
            ArrayPool<byte>.Shared.Return(scanlines);
        }
    }

    /// <summary>Inflates the IDAT data into <paramref name="scanlines"/>; returns how many bytes it produced.</summary>
    private static int Inflate(ReadOnlyMemory<byte> file, PngChunkLayout layout, string source, Span<byte> scanlines)
    {
        try
        {
            using var idat = new IdatStream(file, layout.FirstIdat);
            using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
            return zlib.ReadAtLeast(scanlines, scanlines.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source} has corrupt compressed image data (IDAT): {e.Message}", e);
        }
    }

    private static void Reconstruct(PngHeader header, string source, byte[] scanlines, byte[] scratch, ReadOnlySpan<byte> lut, GrayImage destination)
    {
        int bpp = header.FilterStride;
        int offset = 0;
        int passes = header.Interlaced ? Adam7.PassCount : 1;
        for (int p = 0; p < passes; p++)
        {
            Adam7.PassGeometry pass = Adam7.Pass(p, header.Width, header.Height, header.Interlaced);
            int rowBytes = header.RowBytes(pass.Width);
            Span<byte> zeros = scratch.AsSpan(0, rowBytes);
            zeros.Clear();
            for (int r = 0; r < pass.Height; r++)
            {
                byte filter = scanlines[offset];
                Span<byte> row = scanlines.AsSpan(offset + 1, rowBytes);
                ReadOnlySpan<byte> prior = r == 0 ? zeros : scanlines.AsSpan(offset - rowBytes, rowBytes);
                if (!PngFilters.TryUnfilter(filter, row, prior, bpp))
                {
                    string where = header.Interlaced ? $"row {r} of interlace pass {p + 1}" : $"row {r}";
                    throw PngChunkLayout.Error(source, $"has an invalid filter type {filter} in {where}");
                }

                int y = pass.Y0 + (r * pass.StepY);
                if (!header.Interlaced)
                {
                    PngPixelConverter.ConvertRow(header, row, lut, destination.Row(y));
                }
                else
                {
                    Span<byte> converted = scratch.AsSpan(rowBytes, pass.Width);
                    PngPixelConverter.ConvertRow(header, row, lut, converted);
                    Span<byte> target = destination.Row(y);
                    for (int i = 0; i < converted.Length; i++)
                    {
                        target[pass.X0 + (i * pass.StepX)] = converted[i];
                    }
                }

                offset += 1 + rowBytes;
            }
        }
    }

    private static string DescribeTruncation(PngHeader header, string? fileEnd, int inflated)
    {
        int rows = 0;
        int complete = 0;
        long consumed = 0;
        int passes = header.Interlaced ? Adam7.PassCount : 1;
        for (int p = 0; p < passes; p++)
        {
            Adam7.PassGeometry pass = Adam7.Pass(p, header.Width, header.Height, header.Interlaced);
            long size = 1 + header.RowBytes(pass.Width);
            for (int r = 0; r < pass.Height; r++)
            {
                rows++;
                consumed += size;
                if (consumed <= inflated)
                {
                    complete++;
                }
            }
        }

        string rowsNote = complete < rows
            ? $"IDAT stream ends after {complete} of {rows} rows"
            : "the image data is complete but the file ends before its IEND chunk";
        return fileEnd is null ? $"is truncated: {rowsNote}" : $"is truncated: {rowsNote} ({fileEnd})";
    }

    private static string Describe(PngHeader header)
    {
        string kind = header.ColorType switch
        {
            PngColorType.Gray => "gray",
            PngColorType.Rgb => "RGB",
            PngColorType.Palette => "palette",
            PngColorType.GrayAlpha => "gray+alpha",
            _ => "RGBA",
        };
        return $"{header.BitDepth}-bit {kind}";
    }
}
