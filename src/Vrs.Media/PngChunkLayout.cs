using System.Buffers.Binary;

namespace Vrs.Media;

/// <summary>
/// One pass over a PNG's chunk structure: signature, IHDR, PLTE, where the IDAT run starts, CRCs of critical
/// chunks, and whether the file ends early. Pixel data is not touched here.
/// </summary>
internal readonly struct PngChunkLayout
{
    public const uint IHDR = 0x49484452;
    public const uint PLTE = 0x504C5445;
    public const uint IDAT = 0x49444154;
    public const uint IEND = 0x49454E44;

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private PngChunkLayout(PngHeader header, int paletteStart, int paletteLength, int firstIdat, string? truncation)
    {
        Header = header;
        PaletteStart = paletteStart;
        PaletteLength = paletteLength;
        FirstIdat = firstIdat;
        Truncation = truncation;
    }

    public PngHeader Header { get; }

    /// <summary>Offset of the PLTE payload (RGB triples).</summary>
    public int PaletteStart { get; }

    /// <summary>PLTE payload length in bytes, 0 when there is none.</summary>
    public int PaletteLength { get; }

    /// <summary>Offset of the first IDAT chunk's length field.</summary>
    public int FirstIdat { get; }

    /// <summary>Null for a complete file; otherwise why it is truncated (the IDAT data present may still decode partly).</summary>
    public string? Truncation { get; }

    public static PngChunkLayout Parse(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length < Signature.Length || !data[..Signature.Length].SequenceEqual(Signature))
        {
            throw Error(source, data.Length < Signature.Length && Signature.StartsWith(data)
                ? $"is truncated: only {data.Length} bytes"
                : "is not a PNG file (bad signature)");
        }

        PngHeader header = default;
        bool haveHeader = false;
        int paletteStart = 0;
        int paletteLength = 0;
        int firstIdat = -1;
        bool idatRunEnded = false;
        int pos = Signature.Length;
        while (true)
        {
            if (data.Length - pos < 8)
            {
                return EndedEarly(source, header, firstIdat, paletteStart, paletteLength, $"ends at byte {data.Length} inside a chunk header");
            }

            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            uint type = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 4)..]);
            string name = ChunkName(data.Slice(pos + 4, 4));
            if (length > int.MaxValue)
            {
                throw Error(source, $"has a chunk '{name}' at byte {pos} with an invalid length {length}");
            }

            if (!haveHeader && type != IHDR)
            {
                throw Error(source, $"does not start with an IHDR chunk (found '{name}')");
            }

            if ((long)data.Length - pos - 12 < length)
            {
                if (type == IDAT && firstIdat < 0)
                {
                    firstIdat = pos;
                }

                return EndedEarly(source, header, firstIdat, paletteStart, paletteLength,
                    $"ends at byte {data.Length} inside chunk '{name}' that declares {length} bytes at byte {pos}");
            }

            ReadOnlySpan<byte> payload = data.Slice(pos + 8, (int)length);
            bool critical = (data[pos + 4] & 0x20) == 0;
            if (critical)
            {
                // libpng rejects critical chunks with a bad CRC and only warns on ancillary ones, so only these are checked.
                uint stored = BinaryPrimitives.ReadUInt32BigEndian(data[(pos + 8 + (int)length)..]);
                uint actual = Crc32.Compute(data.Slice(pos + 4, 4), payload);
                if (stored != actual)
                {
                    throw Error(source, $"has a bad CRC in chunk '{name}' at byte {pos} (stored {stored:X8}, computed {actual:X8})");
                }
            }

            if (firstIdat >= 0 && type != IDAT)
            {
                idatRunEnded = true;
            }

            switch (type)
            {
                case IHDR:
                    if (haveHeader)
                    {
                        throw Error(source, "has a second IHDR chunk");
                    }

                    if (length != 13)
                    {
                        throw Error(source, $"has an IHDR chunk of {length} bytes (must be 13)");
                    }

                    if (!PngHeader.TryParse(payload, out header, out string problem))
                    {
                        throw Error(source, problem);
                    }

                    haveHeader = true;
                    break;
                case PLTE:
                    if (firstIdat >= 0 || paletteLength > 0)
                    {
                        throw Error(source, "has a PLTE chunk after IDAT or a second PLTE chunk");
                    }

                    if (length == 0 || length % 3 != 0 || length > 768)
                    {
                        throw Error(source, $"has a PLTE chunk of {length} bytes (must be 3..768 and a multiple of 3)");
                    }

                    if (header.ColorType is PngColorType.Gray or PngColorType.GrayAlpha)
                    {
                        throw Error(source, "has a PLTE chunk in a grayscale image");
                    }

                    paletteStart = pos + 8;
                    paletteLength = (int)length;
                    break;
                case IDAT:
                    if (idatRunEnded)
                    {
                        throw Error(source, "has IDAT chunks that are not consecutive");
                    }

                    if (header.ColorType == PngColorType.Palette && paletteLength == 0)
                    {
                        throw Error(source, "is a palette image without a PLTE chunk before its IDAT");
                    }

                    if (firstIdat < 0)
                    {
                        firstIdat = pos;
                    }

                    break;
                case IEND:
                    if (firstIdat < 0)
                    {
                        throw Error(source, "has no IDAT chunk (no image data)");
                    }

                    return new PngChunkLayout(header, paletteStart, paletteLength, firstIdat, truncation: null);
                default:
                    if (critical)
                    {
                        throw Error(source, $"has an unknown critical chunk '{name}' at byte {pos}");
                    }

                    break;
            }

            pos += 12 + (int)length;
        }
    }

    public static InvalidDataException Error(string source, string problem) => new($"{source} {problem}");

    private static PngChunkLayout EndedEarly(string source, PngHeader header, int firstIdat, int paletteStart, int paletteLength, string where)
    {
        if (firstIdat < 0)
        {
            throw Error(source, $"is truncated: it {where}, before any image data");
        }

        if (header.ColorType == PngColorType.Palette && paletteLength == 0)
        {
            throw Error(source, "is a palette image without a PLTE chunk before its IDAT");
        }

        return new PngChunkLayout(header, paletteStart, paletteLength, firstIdat, $"it {where}");
    }

    private static string ChunkName(ReadOnlySpan<byte> type)
    {
        Span<char> chars = stackalloc char[4];
        for (int i = 0; i < 4; i++)
        {
            chars[i] = type[i] is >= 0x20 and < 0x7F ? (char)type[i] : '?';
        }

        return new string(chars);
    }
}
