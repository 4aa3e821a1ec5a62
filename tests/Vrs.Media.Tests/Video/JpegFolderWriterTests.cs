using Vrs.Media.Video;

namespace Vrs.Media.Tests.Video;

[Collection(SyntheticMediaCollection.Name)]
public sealed class JpegFolderWriterTests(SyntheticMedia media)
{
    [Fact]
    public void Frames_become_numbered_jpegs_from_00000_that_decode_to_their_colour()
    {
        string folder = Path.Combine(media.Root, "jpegs");
        var rgb = new byte[32 * 16 * 3];
        using (var writer = new JpegFolderWriter(folder, 32, 16))
        {
            for (int i = 0; i < 3; i++)
            {
                rgb.AsSpan().Fill((byte)(60 * (i + 1)));
                writer.Write(rgb);
            }

            writer.Complete();
        }

        Assert.Equal(["00000.jpg", "00001.jpg", "00002.jpg"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using FrameSource source = FrameSource.Open(folder);
        RgbFrame last = source.Read(start: 2).Single();
        Assert.InRange(last.Pixels[(8 * 32 * 3) + 48], 176, 184);
    }

    [Fact]
    public void Disposing_without_completing_leaves_no_folder()
    {
        string folder = Path.Combine(media.Root, "jpegs-abandoned");
        using (var writer = new JpegFolderWriter(folder, 8, 8))
        {
            writer.Write(new byte[8 * 8 * 3]);
        }

        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.GetFileSystemEntries(media.Root, ".jpegs-abandoned*"));
    }
}
