namespace Vrs.Media.Tests;

public class ByteTransposeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 8)]
    [InlineData(16, 24)]
    [InlineData(7, 9)]
    [InlineData(17, 3)]
    [InlineData(33, 65)]
    [InlineData(48, 80)]
    [InlineData(720, 1280)]
    public void Transpose_matches_the_definition(int rows, int columns)
    {
        var random = new Random(rows * 100 + columns);
        var source = new byte[rows * columns];
        random.NextBytes(source);
        var result = new byte[source.Length];

        ByteTranspose.Transpose(source, rows, columns, result, ByteTranspose.Combine.Overwrite);

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(source[(r * columns) + c], result[(c * rows) + r]);
            }
        }
    }

    [Fact]
    public void Add_wraps_each_byte_without_carrying_into_its_neighbour()
    {
        var random = new Random(5);
        var source = new byte[16 * 16];
        var start = new byte[16 * 16];
        random.NextBytes(source);
        random.NextBytes(start);
        byte[] result = (byte[])start.Clone();

        ByteTranspose.Transpose(source, 16, 16, result, ByteTranspose.Combine.Add);

        for (int r = 0; r < 16; r++)
        {
            for (int c = 0; c < 16; c++)
            {
                Assert.Equal((byte)(start[(c * 16) + r] + source[(r * 16) + c]), result[(c * 16) + r]);
            }
        }
    }
}
