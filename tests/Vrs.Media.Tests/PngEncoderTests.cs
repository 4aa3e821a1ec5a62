namespace Vrs.Media.Tests;

public class PngEncoderTests
{
    private static GrayImage RandomImage(int width, int height, int maxExclusive, int seed)
    {
        var random = new Random(seed);
        var image = new GrayImage(width, height);
        for (int i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = (byte)random.Next(maxExclusive);
        }

        return image;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(13, 7)]
    [InlineData(1280, 720)]
    public void Gray_images_round_trip(int width, int height)
    {
        GrayImage image = RandomImage(width, height, 256, width);
        using var stream = new MemoryStream();

        PngEncoder.WriteGray(stream, image);
        byte[] png = stream.ToArray();

        Assert.Equal(image.Pixels, PngDecoder.ReadGray(png, "encoded").Pixels);
        Assert.Equal(image.Pixels, PngDecoder.ReadIndexed(png, "encoded").Pixels);
    }

    [Fact]
    public void Palette_images_keep_their_indices_and_read_as_luma_in_cv2_mode()
    {
        GrayImage indices = RandomImage(31, 9, 4, 3);
        byte[] palette = [0, 0, 0, 128, 0, 0, 0, 128, 0, 128, 128, 0];
        using var stream = new MemoryStream();

        PngEncoder.WriteIndexed(stream, indices, palette);
        byte[] png = stream.ToArray();

        Assert.Equal(indices.Pixels, PngDecoder.ReadIndexed(png, "encoded").Pixels);

        // Luma of the entries, libpng's (9797 r + 19234 g + 3737 b) >> 15: 0, 38, 75, 113.
        byte[] luma = [0, 38, 75, 113];
        Assert.Equal(indices.Pixels.Select(i => luma[i]).ToArray(), PngDecoder.ReadGray(png, "encoded").Pixels);
    }

    [Fact]
    public void Indices_outside_the_palette_are_refused()
    {
        GrayImage indices = RandomImage(4, 4, 3, 1);
        indices.Pixels[5] = 2;

        var error = Assert.Throws<ArgumentException>(() => PngEncoder.WriteIndexed(Stream.Null, indices, [0, 0, 0, 255, 255, 255]));

        Assert.Contains("index 2 but the palette has only 2 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mask_compresses_well()
    {
        var image = new GrayImage(1280, 720, TestData.Disc(720, 1280, 255));
        using var stream = new MemoryStream();

        PngEncoder.WriteGray(stream, image);

        // cv2's default (level 1 with adaptive filters) writes this disc in about 4 KB.
        Assert.InRange(stream.Length, 100, 20_000);
    }

    [Fact]
    public void Writing_a_file_replaces_it_through_a_temporary_name()
    {
        string directory = Path.Combine(Path.GetTempPath(), "vrs-media-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "00000.png");
            File.WriteAllText(path, "old");
            GrayImage image = RandomImage(5, 3, 2, 9);

            PngEncoder.WriteGray(path, image);

            Assert.Equal(image.Pixels, PngDecoder.ReadGray(path).Pixels);
            Assert.Equal(["00000.png"], Directory.GetFiles(directory).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
