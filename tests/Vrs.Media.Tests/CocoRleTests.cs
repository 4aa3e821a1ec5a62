namespace Vrs.Media.Tests;

public class CocoRleTests
{
    [Fact]
    public void Runs_are_column_major_and_start_with_background()
    {
        // 2×3 mask, row-major:   0 1 1
        //                        0 0 1
        // column by column that is 0,0 | 1,0 | 1,1 → runs of 2 zeros, 1 one, 1 zero, 2 ones.
        byte[] mask = [0, 1, 1, 0, 0, 1];

        Assert.Equal([2u, 1, 1, 2], CocoRle.EncodeCounts(mask, 2, 3));
    }

    [Fact]
    public void Any_non_zero_byte_is_foreground_when_encoding()
    {
        Assert.Equal(CocoRle.Encode([0, 1, 1, 0, 0, 1], 2, 3), CocoRle.Encode([0, 255, 2, 0, 0, 9], 2, 3));
    }

    [Fact]
    public void DecodeAdd_sums_objects_so_overlaps_become_two()
    {
        byte[] left = [1, 1, 0, 1, 1, 0];
        byte[] right = [0, 1, 1, 0, 1, 1];
        var sum = new byte[6];

        CocoRle.DecodeAdd(CocoRle.Encode(left, 2, 3), 2, 3, sum);
        CocoRle.DecodeAdd(CocoRle.Encode(right, 2, 3), 2, 3, sum);

        Assert.Equal([1, 2, 1, 1, 2, 1], sum);
    }

    [Fact]
    public void DecodeAdd_wraps_at_256_like_numpy_uint8()
    {
        var sum = new byte[64 * 64];
        Array.Fill(sum, (byte)255);
        var full = new byte[64 * 64];
        Array.Fill(full, (byte)1);

        CocoRle.DecodeAdd(CocoRle.Encode(full, 64, 64), 64, 64, sum);

        Assert.All(sum, v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 8)]
    [InlineData(9, 17)]
    [InlineData(23, 8)]
    [InlineData(720, 1280)]
    [InlineData(37, 1)]
    public void Random_masks_round_trip_through_the_string_form(int height, int width)
    {
        var random = new Random(height * 1000 + width);
        var mask = new byte[height * width];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = random.Next(10) < 3 ? (byte)1 : (byte)0;
        }

        var decoded = new byte[mask.Length];
        CocoRle.Decode(CocoRle.Encode(mask, height, width), height, width, decoded);

        Assert.Equal(mask, decoded);
    }

    [Fact]
    public void Large_counts_and_negative_differences_round_trip()
    {
        uint[] counts = [0, 921_600, 5, 1, 1_000_000, 3, 2, 4_000_000_000, 0, 17];

        Assert.Equal(counts, CocoRle.ParseCounts(CocoRle.FormatCounts(counts)));
    }

    [Fact]
    public void Hand_encoded_string_parses()
    {
        // '1' = 1; 'P' = 32 | 0: more follows, then '1' = 1 → 0 + (1 << 5) = 32; '3' = 3; fourth count stored as a
        // difference to the second: '2' = 2 → 32 + 2 = 34.
        Assert.Equal([1u, 32, 3, 34], CocoRle.ParseCounts("1P132"));
    }

    [Theory]
    [InlineData("1 2", "invalid character ' ' at position 1")]
    [InlineData("1p", "invalid character 'p' at position 1")]
    [InlineData("12P", "ends inside count 2")]
    // '@' is 16: sign bit set and no continuation, so -32 + 16 = -16 (a negative run length).
    [InlineData("@", "count 0 the invalid value -16")]
    [InlineData("000@", "count 3 the invalid value -16")]
    public void Malformed_strings_are_rejected_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => CocoRle.ParseCounts(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_that_do_not_cover_the_mask_are_rejected()
    {
        var mask = new byte[6];

        var error = Assert.Throws<InvalidDataException>(() => CocoRle.Decode("32", 2, 3, mask));

        Assert.Contains("cover 5 pixels", error.Message, StringComparison.Ordinal);
        Assert.Contains("2×3 has 6", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mask_buffer_that_is_too_small_is_an_argument_error()
    {
        Assert.Throws<ArgumentException>(() => CocoRle.Decode("6", 2, 3, new byte[5]));
    }

    [Fact]
    public void Empty_mask_encodes_like_cocoapi()
    {
        Assert.Equal("0", CocoRle.Encode([], 0, 0));
        Assert.Equal([0u], CocoRle.EncodeCounts([], 0, 5));
    }
}
