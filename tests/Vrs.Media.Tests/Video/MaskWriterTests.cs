using System.Text.Json;
using Vrs.Media.Masks;
using Vrs.Media.Video;

namespace Vrs.Media.Tests.Video;

public sealed class MaskWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-mask-tests-{Guid.NewGuid():N}");

    public MaskWriterTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Binary_pngs_hold_255_on_the_union_of_objects_and_appear_only_at_commit()
    {
        string folder = Path.Combine(_root, "masks");
        using (var writer = new PngMaskWriter(folder))
        {
            writer.Write(new FrameInfo(0, "00000"), [new ObjectMask(1, Box(8, 6, 0, 0, 2, 2)), new ObjectMask(2, Box(8, 6, 4, 3, 2, 2))]);
            writer.Write(new FrameInfo(1, "00001"), [new ObjectMask(1, Box(8, 6, 1, 1, 1, 1))]);
            Assert.False(Directory.Exists(folder));
            writer.Commit();
        }

        Assert.Equal(["00000.png", "00001.png"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        GrayImage first = PngDecoder.ReadGray(Path.Combine(folder, "00000.png"));
        Assert.Equal(255, first.Pixels[0]);
        Assert.Equal(255, first.Pixels[(3 * 8) + 4]);
        Assert.Equal(0, first.Pixels[(3 * 8) + 3]);
        Assert.Equal(8 * 255, first.Pixels.Sum(p => p));
        Assert.Empty(Directory.GetDirectories(_root, ".*"));
    }

    [Fact]
    public void Palette_pngs_store_object_ids_with_the_davis_palette_and_later_objects_win_overlaps()
    {
        string folder = Path.Combine(_root, "palette");
        using (var writer = new PngMaskWriter(folder, palette: true))
        {
            writer.Write(new FrameInfo(0, "a"), [new ObjectMask(1, Box(4, 4, 0, 0, 3, 3)), new ObjectMask(3, Box(4, 4, 2, 2, 2, 2))]);
            writer.Commit();
        }

        GrayImage indices = PngDecoder.ReadIndexed(Path.Combine(folder, "a.png"));
        byte[] expected =
        [
            1, 1, 1, 0,
            1, 1, 1, 0,
            1, 1, 3, 3,
            0, 0, 3, 3,
        ];
        Assert.Equal(expected, indices.Pixels);
    }

    [Fact]
    public void Davis_palette_is_the_voc_colour_map()
    {
        Assert.Equal(((byte)0, (byte)0, (byte)0), DavisPalette.Color(0));
        Assert.Equal(((byte)128, (byte)0, (byte)0), DavisPalette.Color(1));
        Assert.Equal(((byte)0, (byte)128, (byte)0), DavisPalette.Color(2));
        Assert.Equal(((byte)128, (byte)128, (byte)0), DavisPalette.Color(3));
        Assert.Equal(((byte)0, (byte)0, (byte)128), DavisPalette.Color(4));
        Assert.Equal(((byte)64, (byte)0, (byte)0), DavisPalette.Color(8));
        Assert.Equal(((byte)224, (byte)224, (byte)192), DavisPalette.Color(255));
    }

    [Fact]
    public void A_failure_midway_leaves_no_final_folder_and_no_staging_folder()
    {
        string folder = Path.Combine(_root, "broken");
        Assert.Throws<ArgumentException>(() =>
        {
            using var writer = new PngMaskWriter(folder);
            writer.Write(new FrameInfo(0, "00000"), [new ObjectMask(1, Box(8, 6, 0, 0, 1, 1))]);
            writer.Write(new FrameInfo(1, "00001"), [new ObjectMask(1, Box(9, 6, 0, 0, 1, 1))]); // wrong size
            writer.Commit();
        });
        Assert.False(Directory.Exists(folder));
        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Commit_replaces_an_older_output_folder_whole()
    {
        string folder = Path.Combine(_root, "again");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "stale.png"), "old");
        using (var writer = new PngMaskWriter(folder, width: 5, height: 4))
        {
            writer.Write(new FrameInfo(0, "00000"), []);
            writer.Commit();
        }

        Assert.Equal(["00000.png"], Directory.GetFiles(folder).Select(Path.GetFileName));
        Assert.Equal(new byte[20], PngDecoder.ReadGray(Path.Combine(folder, "00000.png")).Pixels);
        Assert.Single(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Frame_names_that_escape_the_folder_are_refused()
    {
        using var writer = new PngMaskWriter(Path.Combine(_root, "x"));
        Assert.Throws<ArgumentException>(() => writer.Write(new FrameInfo(0, "../evil"), [new ObjectMask(1, Box(2, 2, 0, 0, 1, 1))]));
    }

    [Fact]
    public void Rle_json_round_trips_through_the_coco_codec_and_appears_only_at_commit()
    {
        string file = Path.Combine(_root, "masks.json");
        GrayImage a = Box(7, 5, 1, 1, 3, 2);
        GrayImage b = Box(7, 5, 0, 4, 7, 1);
        using (var writer = new CocoRleMaskWriter(file))
        {
            writer.Write(new FrameInfo(0, "00000"), [new ObjectMask(1, a), new ObjectMask(2, b)]);
            writer.Write(new FrameInfo(1, "00001"), []);
            Assert.False(File.Exists(file));
            writer.Commit();
        }

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(file));
        JsonElement first = json.RootElement.GetProperty("00000");
        JsonElement one = first.GetProperty("1");
        Assert.Equal([5, 7], one.GetProperty("size").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(a.Pixels, CocoRle.Decode(one.GetProperty("counts").GetString(), 5, 7).Pixels);
        Assert.Equal(b.Pixels, CocoRle.Decode(first.GetProperty("2").GetProperty("counts").GetString(), 5, 7).Pixels);
        Assert.Empty(json.RootElement.GetProperty("00001").EnumerateObject());
        Assert.Single(Directory.GetFileSystemEntries(_root));
    }

    [Fact]
    public void Rle_writer_disposed_without_commit_leaves_nothing()
    {
        string file = Path.Combine(_root, "masks.json");
        using (var writer = new CocoRleMaskWriter(file))
        {
            writer.Write(new FrameInfo(0, "00000"), [new ObjectMask(1, Box(4, 4, 0, 0, 1, 1))]);
        }

        Assert.Empty(Directory.GetFileSystemEntries(_root));
    }

    /// <summary>A 0/1 mask with a w×h box of ones at (x, y).</summary>
    internal static GrayImage Box(int width, int height, int x, int y, int w, int h)
    {
        var image = new GrayImage(width, height);
        for (int r = y; r < y + h; r++)
        {
            image.Row(r).Slice(x, w).Fill(1);
        }

        return image;
    }
}
