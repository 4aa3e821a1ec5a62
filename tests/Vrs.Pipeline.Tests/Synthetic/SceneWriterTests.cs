using System.Text.Json;
using Vrs.Media;
using Vrs.Media.Video;
using Vrs.Pipeline.Synthetic;

namespace Vrs.Pipeline.Tests.Synthetic;

public sealed class SceneWriterTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"vrs-synthetic-{Environment.ProcessId}-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [InlineData("two-discs")]
    [InlineData("occlusion-pass")]
    [InlineData("bouncing-white")]
    public void The_mp4_decodes_to_every_frame_with_each_object_near_its_paint(string name)
    {
        SyntheticScene scene = SceneCatalog.Get(name);
        string video = Path.Combine(_root, name + ".mp4");
        SceneWriter.WriteVideo(scene, video);

        using FrameSource source = FrameSource.Open(video);
        Assert.Equal((scene.FrameCount, scene.Width, scene.Height, scene.Rate), (source.Count, source.Width, source.Height, source.FrameRate));
        Assert.Equal("yuv420p", source.Video!.PixelFormat);

        double[,] sums = ColourSums(scene, source);

        foreach (SceneObject o in scene.Objects)
        {
            double n = sums[o.Id, 3];
            Assert.True(n > 0, $"object {o.Id} has no interior pixels");
            (double r, double g, double b) = (sums[o.Id, 0] / n, sums[o.Id, 1] / n, sums[o.Id, 2] / n);
            double distance = SceneRendererTests.Distance(r, g, b, o.Colour);
            Assert.True(distance <= 8, $"object {o.Id} decodes to ({r:F0},{g:F0},{b:F0}), {distance:F1} from {o.Colour}");
        }
    }

    [Fact]
    public void Ground_truth_is_one_binary_png_per_frame_equal_to_the_visible_part()
    {
        SyntheticScene scene = SceneCatalog.Get("occlusion-pass");
        string folder = Path.Combine(_root, "gt-blue");
        SceneWriter.WriteGroundTruth(scene, [1], folder);

        string[] files = [.. Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
        Assert.Equal(Enumerable.Range(0, scene.FrameCount).Select(t => $"{t:D5}.png"), files);

        var renderer = new SceneRenderer(scene);
        var owner = new byte[renderer.PixelCount];
        var expected = new byte[renderer.PixelCount];
        for (int t = 0; t < scene.FrameCount; t++)
        {
            GrayImage mask = PngDecoder.ReadGray(Path.Combine(folder, files[t]));
            renderer.RenderOwners(t, owner);
            SceneRenderer.Mask(owner, [1], expected);
            Assert.Equal(expected, mask.Pixels);
        }
    }

    [Fact]
    public void Ground_truth_for_an_absent_query_is_empty_on_every_frame()
    {
        SyntheticScene scene = SceneCatalog.Get("late-entry");
        SceneQuery absent = scene.Queries.Single(q => q.IsAbsent);
        string folder = Path.Combine(_root, "gt-absent");
        SceneWriter.WriteGroundTruth(scene, [.. absent.TargetIds], folder);
        string[] files = Directory.GetFiles(folder);
        Assert.Equal(scene.FrameCount, files.Length);
        Assert.All(files, f => Assert.All(PngDecoder.ReadGray(f).Pixels, p => Assert.Equal(0, p)));
    }

    [Fact]
    public void Ground_truth_for_an_object_the_scene_lacks_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SceneWriter.WriteGroundTruth(SceneCatalog.Get("late-entry"), [9], Path.Combine(_root, "gt-9")));
    }

    [Fact]
    public void The_frame_folder_holds_the_rendered_frames_losslessly()
    {
        SyntheticScene scene = SceneCatalog.Get("leaves-frame");
        string folder = Path.Combine(_root, "frames");
        SceneWriter.WriteFrames(scene, folder);

        using FrameSource source = FrameSource.Open(folder);
        Assert.Equal(scene.FrameCount, source.Count);
        Assert.Equal("00000", source.Frames[0].Name);
        var renderer = new SceneRenderer(scene);
        var rgb = new byte[renderer.FrameBytes];
        var owner = new byte[renderer.PixelCount];
        foreach (RgbFrame frame in source.Read(start: 20, count: 2))
        {
            renderer.Render(frame.Index, rgb, owner);
            Assert.Equal(rgb, frame.Pixels);
        }
    }

    [Fact]
    public void The_jpeg_folder_is_named_like_video_frames_and_keeps_colours_close()
    {
        SyntheticScene scene = SceneCatalog.Get("two-purple-discs");
        string folder = Path.Combine(_root, "jpegs");
        SceneWriter.WriteFrames(scene, folder, FrameFileFormat.Jpeg);

        Assert.Equal(Enumerable.Range(0, scene.FrameCount).Select(t => $"{t:D5}.jpg"), Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using FrameSource source = FrameSource.Open(folder);
        double[,] sums = ColourSums(scene, source);

        Assert.All(scene.Objects, o => Assert.True(
            SceneRendererTests.Distance(sums[o.Id, 0] / sums[o.Id, 3], sums[o.Id, 1] / sums[o.Id, 3], sums[o.Id, 2] / sums[o.Id, 3], o.Colour) <= 8, o.ToString()));
    }

    [Fact]
    public void Queries_json_lists_every_scene_with_its_objects_and_queries()
    {
        string path = Path.Combine(_root, "queries.json");
        SceneWriter.WriteQueries(SceneCatalog.Scenes, path);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement[] scenes = [.. json.RootElement.GetProperty("scenes").EnumerateArray()];
        Assert.Equal(SceneCatalog.Names, scenes.Select(s => s.GetProperty("name").GetString()));
        JsonElement purple = scenes.Single(s => s.GetProperty("name").GetString() == "two-purple-discs");
        JsonElement both = purple.GetProperty("queries").EnumerateArray().First();
        Assert.Equal("both purple discs", both.GetProperty("text").GetString());
        Assert.Equal([1, 2], both.GetProperty("targets").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([124, 60, 150], purple.GetProperty("objects")[0].GetProperty("rgb").EnumerateArray().Select(e => e.GetInt32()));
    }

    /// <summary>Sums colours of pixels whose 2-pixel neighbourhood has the same owner: chroma subsampling blurs edges.</summary>
    /// <summary>Per object id: the summed R, G, B of the decoded pixels it owns, and their count.</summary>
    private static double[,] ColourSums(SyntheticScene scene, FrameSource source)
    {
        var renderer = new SceneRenderer(scene);
        var owner = new byte[renderer.PixelCount];
        var sums = new double[256, 4];
        foreach (RgbFrame frame in source.Read())
        {
            renderer.RenderOwners(frame.Index, owner);
            Accumulate(frame, owner, scene.Width, scene.Height, sums);
        }

        return sums;
    }

    private static void Accumulate(RgbFrame frame, byte[] owner, int width, int height, double[,] sums)
    {
        for (int y = 2; y < height - 2; y++)
        {
            for (int x = 2; x < width - 2; x++)
            {
                int i = (y * width) + x;
                byte id = owner[i];
                if (id == 0 || owner[i - 2] != id || owner[i + 2] != id || owner[i - (2 * width)] != id || owner[i + (2 * width)] != id)
                {
                    continue;
                }

                sums[id, 0] += frame.Pixels[i * 3];
                sums[id, 1] += frame.Pixels[(i * 3) + 1];
                sums[id, 2] += frame.Pixels[(i * 3) + 2];
                sums[id, 3]++;
            }
        }
    }
}
