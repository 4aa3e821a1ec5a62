using Vrs.Media.Video;

namespace Vrs.Media.Tests.Video;

[Collection(SyntheticMediaCollection.Name)]
public sealed class YuvConversionTests(SyntheticMedia media)
{
    [Theory]
    [InlineData("testsrc2=size=64x48", "ffv1", "yuv420p", "")]
    [InlineData("testsrc2=size=33x17", "ffv1", "yuv420p", "")]
    [InlineData("testsrc2=size=64x48", "ffv1", "yuv420p", "bt709")]
    [InlineData("testsrc2=size=64x48", "mjpeg", "yuvj420p", "")]
    [InlineData("testsrc2=size=128x72", "libx264", "yuv420p", "bt470bg")]
    public void In_process_conversion_matches_ffmpeg_rgb24_within_4(string source, string codec, string pixelFormat, string colorSpace)
    {
        string file = Path.Combine(media.Root, $"yuv-{Guid.NewGuid():N}.mkv");
        string[] tag = colorSpace.Length > 0 ? ["-colorspace", colorSpace] : [];
        SyntheticMedia.Ffmpeg(["-f", "lavfi", "-i", source + ":rate=25", "-frames:v", "4", "-c:v", codec, "-pix_fmt", pixelFormat, .. tag, file]);
        VideoInfo info = VideoProbe.Probe(file);
        Assert.Equal(pixelFormat, info.PixelFormat);

        using FrameSource fast = FrameSource.Open(file);
        using FrameSource reference = FrameSource.Open(file, new FrameSourceOptions { ConvertYuvInProcess = false });
        byte[][] expected = reference.Read().Select(f => f.Pixels.ToArray()).ToArray();
        int frame = 0;
        int worst = 0;
        foreach (RgbFrame got in fast.Read())
        {
            for (int i = 0; i < got.Pixels.Length; i++)
            {
                worst = Math.Max(worst, Math.Abs(got.Pixels[i] - expected[frame][i]));
            }

            frame++;
        }

        // A wrong matrix or range would be off by tens on testsrc2's saturated colours; rounding differs by a few.
        Assert.Equal(4, frame);
        Assert.True(worst <= 4, $"largest difference from ffmpeg's rgb24 is {worst}");
    }

    [Theory]
    [InlineData(67, 5, false)]
    [InlineData(1920, 3, true)]
    [InlineData(1024, 2, false)]
    public void Vector_rows_give_the_bits_of_the_per_pixel_formula(int width, int height, bool bt709)
    {
        var converter = new Yuv420ToRgb(bt709, fullRange: false);
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        byte[] yuv = new byte[Yuv420ToRgb.FrameBytes(width, height)];
        new Random(width).NextBytes(yuv);
        byte[] rgb = new byte[width * height * 3];
        converter.Convert(yuv, width, height, rgb);
        byte[] pixel = new byte[3];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                // A 1×1 image is converted by the scalar formula alone.
                int chroma = (y / 2 * chromaWidth) + (x / 2);
                byte[] one = [yuv[(y * width) + x], yuv[(width * height) + chroma], yuv[(width * height) + (chromaWidth * chromaHeight) + chroma]];
                converter.Convert(one, 1, 1, pixel);
                Assert.Equal(pixel, rgb.AsSpan(((y * width) + x) * 3, 3).ToArray());
            }
        }
    }
}
