using Vrs.Media.Masks;
using Vrs.Media.Video;

namespace Vrs.Media.Tests.Video;

[Collection(SyntheticMediaCollection.Name)]
public sealed class OverlayWriterTests(SyntheticMedia media)
{
    [Fact]
    public void Draw_blends_half_the_object_colour_inside_and_paints_the_boundary_solid()
    {
        var frame = new RgbFrame(5, 5);
        frame.Pixels.AsSpan().Fill(100);
        GrayImage mask = MaskWriterTests.Box(5, 5, 1, 1, 3, 3);
        var output = new byte[75];
        MaskOverlay.Draw(frame, [new ObjectMask(1, mask)], 0.5f, contours: true, output);

        // Object 1 is (128, 0, 0): the centre blends to (114, 50, 50), its ring is solid, outside is untouched.
        Assert.Equal(new byte[] { 114, 50, 50 }, output[(((2 * 5) + 2) * 3)..((((2 * 5) + 2) * 3) + 3)]);
        Assert.Equal(new byte[] { 128, 0, 0 }, output[(((1 * 5) + 1) * 3)..((((1 * 5) + 1) * 3) + 3)]);
        Assert.Equal(new byte[] { 100, 100, 100 }, output[..3]);
        Assert.All(frame.Pixels, p => Assert.Equal(100, p));

        MaskOverlay.Draw(frame, [new ObjectMask(1, mask)], 0.5f, contours: false, output);
        Assert.Equal(new byte[] { 114, 50, 50 }, output[(((1 * 5) + 1) * 3)..((((1 * 5) + 1) * 3) + 3)]);
    }

    [Fact]
    public void Overlay_mp4_has_every_frame_at_the_video_size_and_shows_the_masks()
    {
        string output = Path.Combine(media.Root, "overlay-out", "overlay.mp4");
        using FrameSource source = FrameSource.Open(media.Lossless);
        GrayImage mask = MaskWriterTests.Box(64, 48, 16, 12, 32, 24);
        using (var writer = new OverlayWriter(output, source.Width, source.Height, source.FrameRate))
        {
            foreach (RgbFrame frame in source.Read())
            {
                writer.Write(frame, [new ObjectMask(2, mask)]);
            }

            Assert.False(File.Exists(output));
            writer.Complete();
        }

        VideoInfo info = VideoProbe.Probe(output);
        Assert.Equal((64, 48, 30, "h264", new FrameRate(25, 1)), (info.Width, info.Height, info.FrameCount, info.Codec, info.FrameRate));
        using FrameSource overlay = FrameSource.Open(output);
        RgbFrame first = overlay.Read(0, 1).Single();

        // Object 2 is (0, 128, 0): inside the box green rises towards (green + 128) / 2 and red halves.
        int inside = ((24 * 64) + 32) * 3;
        int outside = ((2 * 64) + 2) * 3;
        byte[] expected = SyntheticMedia.Expected(0);
        Assert.InRange(first.Pixels[inside + 1], ((expected[inside + 1] + 128) / 2) - 8, ((expected[inside + 1] + 128) / 2) + 8);
        Assert.InRange(first.Pixels[outside + 1], expected[outside + 1] - 8, expected[outside + 1] + 8);
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(output)!));
    }

    [Fact]
    public void Odd_sizes_are_padded_to_even_for_yuv420p()
    {
        string output = Path.Combine(media.Root, "odd.mp4");
        using (var writer = new OverlayWriter(output, 33, 17, new FrameRate(30000, 1001)))
        {
            var frame = new RgbFrame(33, 17);
            for (int i = 0; i < 3; i++)
            {
                writer.Write(frame, []);
            }

            writer.Complete();
        }

        VideoInfo info = VideoProbe.Probe(output);
        Assert.Equal((34, 18, 3, new FrameRate(30000, 1001)), (info.Width, info.Height, info.FrameCount, info.FrameRate));
    }

    [Fact]
    public void Disposing_without_completing_leaves_no_file()
    {
        string folder = Path.Combine(media.Root, "overlay-abandoned");
        using (var writer = new OverlayWriter(Path.Combine(folder, "o.mp4"), 64, 48, FrameRate.Default))
        {
            writer.Write(new RgbFrame(64, 48), []);
        }

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }
}
