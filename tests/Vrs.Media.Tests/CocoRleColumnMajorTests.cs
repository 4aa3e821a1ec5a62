namespace Vrs.Media.Tests;

public class CocoRleColumnMajorTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 5)]
    [InlineData(48, 64)]
    [InlineData(33, 130)]
    public void Column_major_decode_is_the_transpose_of_the_row_major_decode(int height, int width)
    {
        var random = new Random(height * 1000 + width);
        byte[] a = new byte[height * width];
        byte[] b = new byte[height * width];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (byte)(random.Next(4) == 0 ? 1 : 0);
            b[i] = (byte)(i % 7 < 3 ? 1 : 0);
        }

        string first = CocoRle.Encode(a, height, width);
        string second = CocoRle.Encode(b, height, width);
        byte[] rowMajor = new byte[height * width];
        CocoRle.DecodeAdd(first, height, width, rowMajor);
        CocoRle.DecodeAdd(second, height, width, rowMajor);
        byte[] columnMajor = new byte[height * width];
        CocoRle.DecodeAddColumnMajor(first, height, width, columnMajor);
        CocoRle.DecodeAddColumnMajor(second, height, width, columnMajor);

        byte[] transposed = new byte[height * width];
        CocoRle.TransposeToColumnMajor(rowMajor, height, width, transposed);
        Assert.Equal(transposed, columnMajor);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                Assert.Equal(a[(y * width) + x] + b[(y * width) + x], columnMajor[(x * height) + y]);
            }
        }
    }

    [Fact]
    public void Counts_that_do_not_cover_the_mask_are_refused()
    {
        string counts = CocoRle.FormatCounts([3, 4]);
        var error = Assert.Throws<InvalidDataException>(() => CocoRle.DecodeAddColumnMajor(counts, 3, 3, new byte[9]));
        Assert.Contains("do not match the size", error.Message, StringComparison.Ordinal);
        string tooMany = CocoRle.FormatCounts([5, 9]);
        Assert.Throws<InvalidDataException>(() => CocoRle.DecodeAddColumnMajor(tooMany, 3, 3, new byte[9]));
    }
}

public class CocoRleClearTests
{
    [Fact]
    public void Clearing_the_runs_of_every_added_object_leaves_the_buffer_all_zero()
    {
        const int Height = 23;
        const int Width = 41;
        var random = new Random(5);
        var masks = new List<string>();
        byte[] buffer = new byte[Height * Width];
        for (int k = 0; k < 3; k++)
        {
            byte[] mask = new byte[Height * Width];
            for (int i = 0; i < mask.Length; i++)
            {
                mask[i] = (byte)(random.Next(3) == 0 ? 1 : 0);
            }

            string counts = CocoRle.Encode(mask, Height, Width);
            masks.Add(counts);
            CocoRle.DecodeAddColumnMajor(counts, Height, Width, buffer);
        }

        Assert.Contains(buffer, b => b == 2);
        foreach (string counts in masks)
        {
            CocoRle.ClearColumnMajor(counts, Height, Width, buffer);
        }

        Assert.All(buffer, b => Assert.Equal(0, b));
    }
}
