namespace Vrs.Media.Tests;

public class CocoRleGoldenTests
{
    // Data/rle_golden.txt: masks and their counts strings from cocoapi's maskApi.c (rleEncode + rleToString),
    // compiled from the reference C source in a scratch folder.
    public static TheoryData<string, int, int, string, string> Cases()
    {
        var data = new TheoryData<string, int, int, string, string>();
        int line = 0;
        foreach (string[] r in TestData.Records("rle_golden.txt"))
        {
            data.Add($"{line++}:{r[0]}", Parse(r[1]), Parse(r[2]), r[3], r.Length > 4 ? r[4] : string.Empty);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Encode_matches_cocoapi(string name, int height, int width, string bits, string counts)
    {
        byte[] mask = Mask(name, height, width, bits);

        Assert.Equal(counts, CocoRle.Encode(mask, height, width));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_matches_cocoapi(string name, int height, int width, string bits, string counts)
    {
        byte[] expected = Mask(name, height, width, bits);
        var mask = new byte[height * width];
        Array.Fill(mask, (byte)7);

        CocoRle.Decode(counts, height, width, mask);

        Assert.Equal(expected, mask);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Counts_survive_format_and_parse(string name, int height, int width, string bits, string counts)
    {
        uint[] parsed = CocoRle.ParseCounts(counts);

        Assert.Equal(counts, CocoRle.FormatCounts(parsed));
        Assert.Equal(CocoRle.EncodeCounts(Mask(name, height, width, bits), height, width), parsed);
    }

    private static int Parse(string s) => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Mask(string name, int height, int width, string bits)
    {
        if (bits == "*")
        {
            return name.EndsWith("disc", StringComparison.Ordinal) ? TestData.Disc(height, width, 1) : BoxDots(height, width);
        }

        var mask = new byte[height * width];
        byte[] packed = bits == "-" ? [] : Convert.FromHexString(bits);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = (byte)((packed[i / 8] >> (7 - (i % 8))) & 1);
        }

        return mask;
    }

    // Same formula as the C generator: a box plus a sparse lattice of dots.
    private static byte[] BoxDots(int height, int width)
    {
        var mask = new byte[height * width];
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                bool box = r >= 100 && r < 650 && c >= 37 && c < 1201;
                mask[(r * width) + c] = box || ((r * 7) + (c * 13)) % 97 == 0 ? (byte)1 : (byte)0;
            }
        }

        return mask;
    }
}
