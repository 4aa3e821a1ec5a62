using System.Buffers.Binary;

namespace Vrs.Media.Tests;

public class PngDecoderErrorTests
{
    private static byte[] Bytes(string file) => File.ReadAllBytes(TestData.PathOf("png/" + file));

    private static InvalidDataException Fails(byte[] png, string name = "mask.png") =>
        Assert.Throws<InvalidDataException>(() => PngDecoder.ReadGray(png, name));

    [Fact]
    public void Every_truncation_of_a_file_is_an_InvalidDataException_naming_the_file()
    {
        foreach (string file in new[] { "gray8.png", "rgb16_adam7.png", "palette2.png", "rgb8_split_idat.png" })
        {
            byte[] png = Bytes(file);
            for (int length = 0; length < png.Length; length++)
            {
                var error = Fails(png[..length], file);
                Assert.StartsWith(file + " ", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void A_file_cut_inside_the_image_data_says_how_many_rows_arrived()
    {
        // A stored (uncompressed) zlib stream makes the cut position map to a known row count.
        byte[] png = StoredGray(width: 10, height: 6);
        int cut = IdatStart(png) + 8 + 2 + 5 + (3 * 11) + 4;

        var error = Fails(png[..cut], "/data/pred/00001.png");

        Assert.StartsWith("/data/pred/00001.png is truncated: IDAT stream ends after 3 of 6 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_missing_its_IEND_is_truncated()
    {
        byte[] png = Bytes("gray8.png");

        var error = Fails(png[..^12]);

        Assert.Contains("the image data is complete but the file ends before its IEND chunk", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_signature_is_reported()
    {
        byte[] png = Bytes("gray8.png");
        png[1] = (byte)'J';

        Assert.Contains("is not a PNG file (bad signature)", Fails(png).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IHDR")]
    [InlineData("IDAT")]
    public void A_bad_CRC_in_a_critical_chunk_is_reported(string chunk)
    {
        byte[] png = Bytes("gray8.png");
        int at = ChunkStart(png, chunk);
        png[at + 8] ^= 0x01;

        Assert.Contains($"bad CRC in chunk '{chunk}'", Fails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_CRC_in_an_ancillary_chunk_is_ignored_like_libpng_does()
    {
        byte[] png = Bytes("gray8.png");
        int at = ChunkStart(png, "tEXt");
        png[at + 9] ^= 0x01;

        Assert.Equal(PngDecoder.ReadGray(Bytes("gray8.png"), "a").Pixels, PngDecoder.ReadGray(png, "b").Pixels);
    }

    [Theory]
    [InlineData(0, 10, 8, 0, "unsupported size 0×10")]
    [InlineData(10, 2_000_000, 8, 0, "unsupported size 10×2000000")]
    [InlineData(10, 10, 3, 0, "invalid colour type 0 with bit depth 3")]
    [InlineData(10, 10, 8, 5, "invalid colour type 5 with bit depth 8")]
    [InlineData(10, 10, 16, 3, "invalid colour type 3 with bit depth 16")]
    [InlineData(10, 10, 4, 2, "invalid colour type 2 with bit depth 4")]
    public void An_invalid_header_is_reported(int width, int height, int bitDepth, int colorType, string problem)
    {
        byte[] png = Bytes("gray8.png");
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        png[24] = (byte)bitDepth;
        png[25] = (byte)colorType;
        FixCrc(png, 8);

        Assert.Contains(problem, Fails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_filter_type_names_the_row()
    {
        byte[] png = StoredGray(width: 10, height: 6, filterOfRow2: 7);

        Assert.Contains("invalid filter type 7 in row 2", Fails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_compressed_data_is_reported()
    {
        byte[] png = Bytes("gray8.png");
        int at = ChunkStart(png, "IDAT");
        png[at + 8] = 0x78;
        png[at + 9] = 0x00; // header check bits wrong
        FixCrc(png, at);

        Assert.Contains("corrupt compressed image data (IDAT)", Fails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_palette_image_without_PLTE_is_reported()
    {
        byte[] png = Bytes("palette8.png");
        int at = ChunkStart(png, "PLTE");
        png[at + 4] = (byte)'p'; // make it an unknown ancillary chunk
        png[at + 5] = (byte)'l';
        FixCrc(png, at);

        Assert.Contains("palette image without a PLTE chunk", Fails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_critical_chunk_is_reported()
    {
        byte[] png = Bytes("gray8.png");
        int at = ChunkStart(png, "tEXt");
        png[at + 4] = (byte)'T';
        FixCrc(png, at);

        Assert.Contains("unknown critical chunk 'TEXt'", Fails(png).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_a_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => PngDecoder.ReadGray(TestData.PathOf("png/no-such-file.png")));
    }

    [Fact]
    public void Random_corruption_never_escapes_as_anything_but_InvalidDataException()
    {
        var random = new Random(11);
        foreach (string file in new[] { "gray8.png", "rgba8_adam7.png", "palette4.png", "gray16.png" })
        {
            byte[] original = Bytes(file);
            for (int trial = 0; trial < 300; trial++)
            {
                byte[] png = (byte[])original.Clone();
                int flips = 1 + random.Next(4);
                for (int i = 0; i < flips; i++)
                {
                    png[random.Next(png.Length)] = (byte)random.Next(256);
                }

                // Corruption in the CRC-checked area is caught; leave it there but also refresh CRCs half the time
                // so the inflater and filters see damaged data too.
                if (trial % 2 == 0)
                {
                    FixAllCrcs(png);
                }

                try
                {
                    PngDecoder.ReadGray(png, file);
                }
                catch (InvalidDataException)
                {
                }
            }
        }
    }

    /// <summary>A gray PNG whose zlib stream uses one stored block, so byte offsets map to rows.</summary>
    private static byte[] StoredGray(int width, int height, int filterOfRow2 = 0)
    {
        var raw = new byte[height * (width + 1)];
        for (int y = 0; y < height; y++)
        {
            raw[y * (width + 1)] = y == 2 ? (byte)filterOfRow2 : (byte)0;
        }

        using var zlib = new MemoryStream();
        zlib.Write([0x78, 0x01, 0x01]); // zlib header, final stored block
        zlib.Write([(byte)raw.Length, (byte)(raw.Length >> 8), (byte)~raw.Length, (byte)(~raw.Length >> 8)]);
        zlib.Write(raw);
        var adler = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(adler, Adler32(raw));
        zlib.Write(adler);

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", zlib.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1;
        uint b = 0;
        foreach (byte d in data)
        {
            a = (a + d) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        stream.Write(chunk);
        FixCrc(chunk, 0);
        stream.Seek(-4, SeekOrigin.Current);
        stream.Write(chunk.AsSpan(chunk.Length - 4));
    }

    private static int IdatStart(byte[] png) => ChunkStart(png, "IDAT");

    private static int ChunkStart(byte[] png, string type)
    {
        int pos = 8;
        while (pos + 8 <= png.Length)
        {
            if (System.Text.Encoding.ASCII.GetString(png, pos + 4, 4) == type)
            {
                return pos;
            }

            pos += 12 + BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
        }

        throw new InvalidOperationException($"no {type} chunk");
    }

    private static void FixAllCrcs(byte[] png)
    {
        int pos = 8;
        while (pos + 12 <= png.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            if (length > png.Length - pos - 12)
            {
                return;
            }

            FixCrc(png, pos);
            pos += 12 + (int)length;
        }
    }

    private static void FixCrc(byte[] png, int chunkStart)
    {
        int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(chunkStart));
        uint crc = Crc32.Compute(png.AsSpan(chunkStart + 4, 4), png.AsSpan(chunkStart + 8, length));
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(chunkStart + 8 + length), crc);
    }

    [Fact]
    public void Crc32_matches_the_PNG_reference_value_for_IEND()
    {
        // Every PNG ends with IEND and CRC AE 42 60 82.
        Assert.Equal(0xAE426082u, Crc32.Compute("IEND"u8, []));
    }
}
