namespace Vrs.Media.Tests;

public class PngDecoderGoldenTests
{
    // Data/png_golden.txt: what cv2.imread(IMREAD_GRAYSCALE) and np.array(PIL.Image.open) return for each test PNG
    // (written by Data/make_png_golden.py with OpenCV 4.6.0 / Pillow 9.4.0 / libpng 1.6.39).
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (string[] record in TestData.Records("png_golden.txt"))
        {
            data.Add(record[0]);
        }

        return data;
    }

    private static string[] Record(string file) => TestData.Records("png_golden.txt").Single(r => r[0] == file);

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadGray_equals_cv2_imread_grayscale(string file)
    {
        string[] record = Record(file);
        GrayImage image = PngDecoder.ReadGray(TestData.PathOf("png/" + file));

        Assert.Equal(int.Parse(record[1], System.Globalization.CultureInfo.InvariantCulture), image.Width);
        Assert.Equal(int.Parse(record[2], System.Globalization.CultureInfo.InvariantCulture), image.Height);
        Assert.Equal(record[3], Convert.ToHexStringLower(image.Pixels));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadIndexed_equals_PIL_for_single_channel_files_and_refuses_the_rest(string file)
    {
        string[] record = Record(file);
        string path = TestData.PathOf("png/" + file);
        if (record[4] == "-")
        {
            var error = Assert.Throws<InvalidDataException>(() => PngDecoder.ReadIndexed(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("no single raw value per pixel", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(record[4], Convert.ToHexStringLower(PngDecoder.ReadIndexed(path).Pixels));
        }
    }

    [Theory]
    [InlineData("disc_cv2.png")]
    [InlineData("disc_pil.png")]
    public void Full_size_masks_saved_by_cv2_and_PIL_decode_to_the_disc_they_hold(string file)
    {
        GrayImage image = PngDecoder.ReadGray(TestData.PathOf("png/" + file));

        Assert.Equal((1280, 720), (image.Width, image.Height));
        Assert.Equal(TestData.Disc(720, 1280, 255), image.Pixels);
    }

    [Fact]
    public void Decoding_into_an_image_of_the_same_size_reuses_its_buffer()
    {
        var image = new GrayImage(1280, 720);
        byte[] buffer = image.Pixels;

        PngDecoder.ReadGray(TestData.PathOf("png/disc_cv2.png"), image);
        PngDecoder.ReadGray(TestData.PathOf("png/disc_pil.png"), image);

        Assert.Same(buffer, image.Pixels);
        Assert.Equal(TestData.Disc(720, 1280, 255), image.Pixels);
    }

    [Fact]
    public void Decoding_into_an_image_of_another_size_resizes_it()
    {
        var image = new GrayImage(3, 3);

        PngDecoder.ReadGray(TestData.PathOf("png/gray8.png"), image);

        Assert.Equal((13, 7, 91), (image.Width, image.Height, image.Pixels.Length));
    }

    [Fact]
    public void Stream_and_memory_overloads_agree_with_the_file_overload()
    {
        string path = TestData.PathOf("png/rgb8_adam7.png");
        byte[] bytes = File.ReadAllBytes(path);
        using var stream = new MemoryStream(bytes);

        byte[] expected = PngDecoder.ReadGray(path).Pixels;

        Assert.Equal(expected, PngDecoder.ReadGray(stream, "memory").Pixels);
        Assert.Equal(expected, PngDecoder.ReadGray(bytes, "memory").Pixels);
    }

    [Fact]
    public void A_DAVIS_palette_png_reads_as_luma_for_cv2_and_as_indices_for_PIL()
    {
        // Hand-computed: DAVIS colours 1 = (128, 0, 0) and 2 = (0, 128, 0); libpng luma (9797 r + 19234 g + 3737 b) >> 15.
        string path = TestData.PathOf("png/pil_P_davis.png");

        GrayImage gray = PngDecoder.ReadGray(path);
        GrayImage indices = PngDecoder.ReadIndexed(path);

        Assert.Equal((byte)(9797 * 128 >> 15), gray.Pixels[0]);
        Assert.Equal(38, gray.Pixels[0]);
        Assert.Equal(75, gray.Pixels[(2 * 13) + 3]);
        Assert.Equal(1, indices.Pixels[0]);
        Assert.Equal(2, indices.Pixels[(2 * 13) + 3]);
    }
}
