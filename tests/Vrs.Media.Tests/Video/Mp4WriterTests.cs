using Vrs.Media.Video;

namespace Vrs.Media.Tests.Video;

[Collection(SyntheticMediaCollection.Name)]
public sealed class Mp4WriterTests(SyntheticMedia media)
{
    [Fact]
    public void Frames_written_come_back_with_their_count_size_and_colour()
    {
        string output = Path.Combine(media.Root, "plain.mp4");
        var rgb = new byte[40 * 24 * 3];
        for (int i = 0; i < rgb.Length; i += 3)
        {
            (rgb[i], rgb[i + 1], rgb[i + 2]) = ((byte)200, (byte)60, (byte)40);
        }

        using (var writer = new Mp4Writer(output, 40, 24, new FrameRate(12, 1)))
        {
            for (int i = 0; i < 5; i++)
            {
                writer.Write(rgb);
            }

            writer.Complete();
        }

        using FrameSource source = FrameSource.Open(output);
        RgbFrame last = source.Read().Last();
        Assert.Equal((40, 24, 5, new FrameRate(12, 1)), (source.Width, source.Height, source.Count, source.FrameRate));
        int centre = ((12 * 40) + 20) * 3;
        Assert.InRange(last.Pixels[centre], 192, 208);
        Assert.InRange(last.Pixels[centre + 1], 52, 68);
        Assert.InRange(last.Pixels[centre + 2], 32, 48);
    }

    [Fact]
    public void A_frame_of_the_wrong_length_is_refused_with_the_expected_length()
    {
        string folder = Path.Combine(media.Root, "mp4-wrong-length");
        using var writer = new Mp4Writer(Path.Combine(folder, "w.mp4"), 8, 8, FrameRate.Default);
        ArgumentException e = Assert.Throws<ArgumentException>(() => writer.Write(new byte[10]));
        Assert.Contains("192", e.Message, StringComparison.Ordinal);
    }
}
