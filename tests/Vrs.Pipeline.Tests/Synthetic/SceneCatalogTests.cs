using Vrs.Pipeline.Synthetic;

namespace Vrs.Pipeline.Tests.Synthetic;

public sealed class SceneCatalogTests
{
    [Fact]
    public void The_catalogue_has_at_least_ten_small_scenes_of_two_to_four_objects_with_unique_names()
    {
        Assert.True(SceneCatalog.Scenes.Count >= 10);
        Assert.Equal(SceneCatalog.Names.Count, SceneCatalog.Names.Distinct().Count());
        Assert.All(SceneCatalog.Scenes, s =>
        {
            Assert.InRange(s.Objects.Count, 2, 4);
            Assert.InRange(s.FrameCount, 24, 48);
            Assert.Contains((s.Width, s.Height), new[] { (320, 240), (480, 270) });
        });
    }

    [Fact]
    public void There_are_at_least_twenty_queries_and_every_scene_has_one_about_an_absent_colour()
    {
        Assert.True(SceneCatalog.Queries().Count() >= 20);
        Assert.All(SceneCatalog.Scenes, s => Assert.Contains(s.Queries, q => q.IsAbsent));
    }

    [Fact]
    public void A_query_names_exactly_the_colours_of_its_targets_and_every_object_of_those_colours_is_a_target()
    {
        foreach ((SyntheticScene scene, SceneQuery query) in SceneCatalog.Queries().Concat(BenchQueries()))
        {
            IReadOnlyList<string> named = SceneColours.NamedIn(query.Text);
            Assert.True(named.Count == 1, $"{scene.Name}: \"{query.Text}\" names {named.Count} colours");
            if (query.IsAbsent)
            {
                Assert.DoesNotContain(scene.Objects, o => o.Colour.Name == named[0]);
            }
            else
            {
                int[] ofThatColour = [.. scene.Objects.Where(o => o.Colour.Name == named[0]).Select(o => o.Id).Order()];
                Assert.Equal(ofThatColour, query.TargetIds.Order());
            }
        }
    }

    [Fact]
    public void Some_query_has_several_targets()
    {
        Assert.Contains(SceneCatalog.Queries(), x => x.Query.TargetIds.Count >= 2);
    }

    [Fact]
    public void Some_scene_has_two_discs_of_different_colours()
    {
        Assert.Contains(SceneCatalog.Scenes, s => s.Objects.Where(o => o.Shape == ShapeKind.Disc).Select(o => o.Colour.Name).Distinct().Count() >= 2);
    }

    [Fact]
    public void Some_queried_target_is_fully_hidden_on_some_frame_while_inside_the_picture()
    {
        // An occluder passes in front: the target's visible area drops to zero and comes back.
        Assert.Contains(SceneCatalog.Queries(), x => !x.Query.IsAbsent && Areas(x.Scene, x.Query.TargetIds) is int[] a
            && a[0] > 0 && a[^1] > 0 && a.Contains(0));
    }

    [Fact]
    public void Some_queried_target_enters_late_and_some_leaves()
    {
        Assert.Contains(SceneCatalog.Queries(), x => !x.Query.IsAbsent && Areas(x.Scene, x.Query.TargetIds) is int[] a && a[0] == 0 && a[^1] > 0);
        Assert.Contains(SceneCatalog.Queries(), x => !x.Query.IsAbsent && Areas(x.Scene, x.Query.TargetIds) is int[] a && a[0] > 0 && a[^1] == 0);
    }

    [Fact]
    public void Every_queried_target_is_visible_on_at_least_a_quarter_of_its_frames()
    {
        Assert.All(SceneCatalog.Queries().Where(x => !x.Query.IsAbsent), x =>
            Assert.True(Areas(x.Scene, x.Query.TargetIds).Count(a => a > 0) * 4 >= x.Scene.FrameCount, $"{x.Scene.Name}: {x.Query.Text}"));
    }

    [Fact]
    public void The_bench_scene_is_300_frames_of_1280_by_720_with_three_objects()
    {
        SyntheticScene bench = SceneCatalog.Bench;
        Assert.Equal((1280, 720, 300, 3), (bench.Width, bench.Height, bench.FrameCount, bench.Objects.Count));
        Assert.Same(bench, SceneCatalog.Get(bench.Name));
        Assert.DoesNotContain(bench, SceneCatalog.Scenes);
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_names_that_exist()
    {
        KeyNotFoundException e = Assert.Throws<KeyNotFoundException>(() => SceneCatalog.Get("no-such-scene"));
        Assert.Contains("two-discs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_paints_are_far_enough_apart_for_colour_tracking()
    {
        // SAM 2 stand-in segments within 0.2 of full scale around a colour; the paints must be further apart,
        // and further still from any grey the backdrop uses.
        IReadOnlyList<NamedColour> all = SceneColours.All;
        for (int i = 0; i < all.Count; i++)
        {
            for (int j = i + 1; j < all.Count; j++)
            {
                Assert.True(SceneRendererTests.Distance(all[j].R, all[j].G, all[j].B, all[i]) > 0.25 * 255, $"{all[i]} and {all[j]}");
            }

            for (int grey = 100; grey <= 150; grey++)
            {
                Assert.True(SceneRendererTests.Distance(grey, grey, grey, all[i]) > 0.25 * 255, $"{all[i]} and grey {grey}");
            }
        }
    }

    [Fact]
    public void NamedIn_finds_whole_colour_words_only()
    {
        Assert.Equal(["red", "blue"], SceneColours.NamedIn("The Red ball, then the blue one; not reddish or bluer."));
    }

    private static IEnumerable<(SyntheticScene, SceneQuery)> BenchQueries() =>
        SceneCatalog.Bench.Queries.Select(q => (SceneCatalog.Bench, q));

    private static int[] Areas(SyntheticScene scene, IReadOnlyList<int> ids)
    {
        var renderer = new SceneRenderer(scene);
        var owner = new byte[renderer.PixelCount];
        var mask = new byte[renderer.PixelCount];
        var areas = new int[scene.FrameCount];
        for (int t = 0; t < scene.FrameCount; t++)
        {
            renderer.RenderOwners(t, owner);
            SceneRenderer.Mask(owner, [.. ids], mask);
            areas[t] = mask.Count(m => m != 0);
        }

        return areas;
    }
}
