using System.Security.Cryptography;
using Vrs.Media.Video;
using Vrs.Pipeline.Synthetic;

namespace Vrs.Pipeline.Tests.Synthetic;

public sealed class SceneRendererTests
{
    private static SyntheticScene Overlapping() => new(
        "overlap", 64, 48, 3, new FrameRate(10, 1), 42,
        [
            new SceneObject(1, ShapeKind.Square, SceneColours.Blue, 10, Trajectory.Still(30, 24)),
            new SceneObject(2, ShapeKind.Disc, SceneColours.Red, 8, Trajectory.Still(38, 24), Layer: 1),
        ],
        []);

    private static (byte[] Rgb, byte[] Owner) Render(SyntheticScene scene, int frame)
    {
        var renderer = new SceneRenderer(scene);
        var rgb = new byte[renderer.FrameBytes];
        var owner = new byte[renderer.PixelCount];
        renderer.Render(frame, rgb, owner);
        return (rgb, owner);
    }

    private static int Count(byte[] owner, int id) => owner.Count(o => o == id);

    [Fact]
    public void The_occluded_object_loses_the_pixels_the_occluder_covers()
    {
        SyntheticScene scene = Overlapping();
        (_, byte[] owner) = Render(scene, 0);
        var behind = new byte[owner.Length];
        var front = new byte[owner.Length];
        SceneRenderer.Mask(owner, [1], behind);
        SceneRenderer.Mask(owner, [2], front);

        Assert.DoesNotContain(Enumerable.Range(0, owner.Length), i => behind[i] != 0 && front[i] != 0);

        // The disc is drawn whole; the 20×20 square keeps only what the disc leaves.
        var alone = new SyntheticScene("disc", 64, 48, 1, new FrameRate(10, 1), 42, [scene.Objects[1]], []);
        int discArea = Count(Render(alone, 0).Owner, 2);
        int overlap = 400 - Count(owner, 1);
        Assert.Equal(discArea, Count(owner, 2));
        Assert.InRange(overlap, 1, discArea - 1);
    }

    [Fact]
    public void Swapping_layers_gives_the_shared_pixels_to_the_other_object()
    {
        SyntheticScene scene = Overlapping();
        var swapped = new SyntheticScene(
            "swapped", 64, 48, 3, scene.Rate, 42,
            [scene.Objects[0] with { Layer = 2 }, scene.Objects[1]],
            []);
        (_, byte[] owner) = Render(swapped, 0);
        Assert.Equal(400, Count(owner, 1));
    }

    [Fact]
    public void The_union_mask_of_both_objects_is_their_painted_area()
    {
        (_, byte[] owner) = Render(Overlapping(), 0);
        var union = new byte[owner.Length];
        SceneRenderer.Mask(owner, [1, 2], union);
        Assert.Equal(owner.Count(o => o != 0), union.Count(m => m == 255));
        Assert.All(union, m => Assert.True(m is 0 or 255));
    }

    [Fact]
    public void An_object_entering_late_has_an_empty_mask_before_its_first_frame()
    {
        SyntheticScene scene = SceneCatalog.Get("late-entry");
        var renderer = new SceneRenderer(scene);
        var owner = new byte[renderer.PixelCount];
        for (int t = 0; t < scene.FrameCount; t++)
        {
            renderer.RenderOwners(t, owner);
            int pixels = Count(owner, 2);
            if (t < 12)
            {
                Assert.Equal(0, pixels);
            }
            else if (t == scene.FrameCount - 1)
            {
                Assert.InRange(pixels, 2000, 2200); // π·26² ≈ 2124, whole disc in view by the end
            }
        }
    }

    [Fact]
    public void An_object_that_leaves_has_an_empty_mask_once_it_is_past_the_edge()
    {
        SyntheticScene scene = SceneCatalog.Get("leaves-frame");
        var renderer = new SceneRenderer(scene);
        var owner = new byte[renderer.PixelCount];
        renderer.RenderOwners(0, owner);
        Assert.Equal(52 * 52, Count(owner, 1));
        renderer.RenderOwners(scene.FrameCount - 1, owner);
        Assert.Equal(0, Count(owner, 1));
    }

    [Fact]
    public void The_same_scene_renders_to_the_same_bytes_and_another_seed_to_different_ones()
    {
        SyntheticScene scene = SceneCatalog.Get("two-discs");
        Assert.Equal(Hash(scene), Hash(SceneCatalog.Get("two-discs")));
        Assert.NotEqual(Hash(scene), Hash(new SyntheticScene(scene.Name, scene.Width, scene.Height, scene.FrameCount, scene.Rate, scene.Seed + 1, scene.Objects, scene.Queries)));
    }

    [Fact]
    public void Owner_maps_from_RenderOwners_equal_those_from_Render()
    {
        SyntheticScene scene = SceneCatalog.Get("occlusion-pass");
        var renderer = new SceneRenderer(scene);
        var rgb = new byte[renderer.FrameBytes];
        var owner = new byte[renderer.PixelCount];
        var ownerOnly = new byte[renderer.PixelCount];
        for (int t = 0; t < scene.FrameCount; t += 5)
        {
            renderer.Render(t, rgb, owner);
            renderer.RenderOwners(t, ownerOnly);
            Assert.Equal(owner, ownerOnly);
        }
    }

    [Fact]
    public void Object_pixels_stay_near_their_paint_and_the_background_stays_grey()
    {
        SyntheticScene scene = Overlapping();
        (byte[] rgb, byte[] owner) = Render(scene, 0);
        for (int i = 0; i < owner.Length; i++)
        {
            (int r, int g, int b) = (rgb[i * 3], rgb[(i * 3) + 1], rgb[(i * 3) + 2]);
            if (owner[i] == 0)
            {
                Assert.True(Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) <= 8, $"background pixel {i} is ({r},{g},{b})");
            }
            else
            {
                NamedColour paint = scene.ObjectById(owner[i]).Colour;
                Assert.True(Distance(r, g, b, paint) <= 36, $"pixel {i} of object {owner[i]} is ({r},{g},{b}), paint {paint}");
            }
        }
    }

    internal static double Distance(double r, double g, double b, NamedColour c) =>
        Math.Sqrt(((r - c.R) * (r - c.R)) + ((g - c.G) * (g - c.G)) + ((b - c.B) * (b - c.B)));

    private static string Hash(SyntheticScene scene)
    {
        var renderer = new SceneRenderer(scene);
        var rgb = new byte[renderer.FrameBytes];
        var owner = new byte[renderer.PixelCount];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int t = 0; t < scene.FrameCount; t++)
        {
            renderer.Render(t, rgb, owner);
            sha.AppendData(rgb);
            sha.AppendData(owner);
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
