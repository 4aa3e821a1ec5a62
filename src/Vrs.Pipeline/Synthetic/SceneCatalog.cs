using Vrs.Media.Video;
using C = Vrs.Pipeline.Synthetic.SceneColours;

namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// The synthetic scenes vrs tests, demos and benchmarks on. Each small scene (320×240 or 480×270, 24–48 frames, so
/// the end-to-end set stays quick on a 2-core CI machine) exercises one thing a video segmenter must get right:
/// a moving target, a same-shape distractor, an occluder passing in front, a target entering late or leaving the
/// frame. Queries name the target's colour (the stand-in models understand colour words, nothing else) and every
/// scene has one about a colour it does not contain, whose truth is empty.
/// </summary>
public static class SceneCatalog
{
    private static readonly FrameRate s_rate = new(12, 1);

    private static readonly Lazy<IReadOnlyList<SyntheticScene>> s_scenes = new(Build);

    private static readonly Lazy<SyntheticScene> s_bench = new(BuildBench);

    /// <summary>Every catalogue scene, in a fixed order (the bench scene is separate: <see cref="Bench"/>).</summary>
    public static IReadOnlyList<SyntheticScene> Scenes => s_scenes.Value;

    /// <summary>The catalogue scenes' names.</summary>
    public static IReadOnlyList<string> Names => [.. Scenes.Select(s => s.Name)];

    /// <summary>A 1280×720, 300-frame, 3-object clip for timing <c>vrs segment</c> (scripts/bench-segment).</summary>
    public static SyntheticScene Bench => s_bench.Value;

    /// <summary>The catalogue scene (or the bench scene) called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No scene has that name; the message lists the names.</exception>
    public static SyntheticScene Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name == Bench.Name)
        {
            return Bench;
        }

        return Scenes.FirstOrDefault(s => s.Name == name)
            ?? throw new KeyNotFoundException($"no synthetic scene is called '{name}'; the scenes are: {string.Join(", ", Names)}, {Bench.Name}");
    }

    /// <summary>Every query of every catalogue scene, with its scene.</summary>
    public static IEnumerable<(SyntheticScene Scene, SceneQuery Query)> Queries() =>
        Scenes.SelectMany(s => s.Queries.Select(q => (s, q)));

    private static IReadOnlyList<SyntheticScene> Build() =>
    [
        RedBallRollsRight(),
        TwoDiscs(),
        OcclusionPass(),
        LateEntry(),
        LeavesFrame(),
        TwoPurpleDiscs(),
        CrossingPaths(),
        BouncingWhite(),
        YellowWave(),
        FourObjects(),
        BehindTheBox(),
    ];

    private static SceneQuery Ask(string text, params int[] targets) => new(text, targets);

    private static SyntheticScene RedBallRollsRight() => new(
        "red-ball-rolls-right", 320, 240, 24, s_rate, 0x5EED0001,
        [
            new(1, ShapeKind.Disc, C.Red, 26, Trajectory.Line(0, 50, 150, 23, 270, 150)),
            new(2, ShapeKind.Square, C.Green, 24, Trajectory.Still(90, 60)),
            new(3, ShapeKind.Triangle, C.Blue, 26, new Trajectory([new Keyframe(0, 240, 70)], wobbleY: 12, wobblePeriod: 12)),
        ],
        [
            Ask("the red ball that rolls to the right", 1),
            Ask("which object is green?", 2),
            Ask("the blue triangle bobbing up and down", 3),
            Ask("the orange cube", []),
        ]);

    private static SyntheticScene TwoDiscs() => new(
        "two-discs", 320, 240, 24, s_rate, 0x5EED0002,
        [
            new(1, ShapeKind.Disc, C.Blue, 28, Trajectory.Line(0, 80, 190, 23, 100, 60)),
            new(2, ShapeKind.Disc, C.Yellow, 28, Trajectory.Line(0, 240, 60, 23, 220, 190)),
            new(3, ShapeKind.RoundedBox, C.White, 30, Trajectory.Still(160, 125)),
        ],
        [
            Ask("the yellow disc, not the other one", 2),
            Ask("the blue ball moving up", 1),
            Ask("the white box in the middle", 3),
            Ask("the purple ball", []),
        ]);

    /// <summary>The red box is wider than the blue square and passes in front of it: for a few frames it hides it completely.</summary>
    private static SyntheticScene OcclusionPass() => new(
        "occlusion-pass", 480, 270, 32, s_rate, 0x5EED0003,
        [
            new(1, ShapeKind.Square, C.Blue, 28, Trajectory.Still(240, 150)),
            new(2, ShapeKind.RoundedBox, C.Red, 62, Trajectory.Line(0, 40, 150, 31, 440, 150), Layer: 1),
            new(3, ShapeKind.Triangle, C.Yellow, 24, Trajectory.Still(400, 50)),
        ],
        [
            Ask("the blue square hidden behind the other shape", 1),
            Ask("the red box that slides across in front", 2),
            Ask("the yellow triangle in the corner", 3),
            Ask("the green thing", []),
        ]);

    /// <summary>The yellow disc exists from frame 12 and rolls in from beyond the right edge.</summary>
    private static SyntheticScene LateEntry() => new(
        "late-entry", 320, 240, 32, s_rate, 0x5EED0004,
        [
            new(1, ShapeKind.Disc, C.Green, 30, Trajectory.Still(90, 120)),
            new(2, ShapeKind.Disc, C.Yellow, 26, Trajectory.Line(12, 350, 150, 31, 220, 150), FirstFrame: 12),
        ],
        [
            Ask("the yellow thing that appears later", 2),
            Ask("what is green here?", 1),
            Ask("the black object", []),
        ]);

    /// <summary>The purple square drifts out through the top-left corner and is gone well before the end.</summary>
    private static SyntheticScene LeavesFrame() => new(
        "leaves-frame", 320, 240, 32, s_rate, 0x5EED0005,
        [
            new(1, ShapeKind.Square, C.Purple, 26, Trajectory.Line(0, 180, 150, 22, -40, -40)),
            new(2, ShapeKind.Disc, C.Orange, 28, Trajectory.Still(250, 170)),
        ],
        [
            Ask("the purple square that leaves the picture", 1),
            Ask("the orange ball that stays put", 2),
            Ask("the white box", []),
        ]);

    private static SyntheticScene TwoPurpleDiscs() => new(
        "two-purple-discs", 480, 270, 24, s_rate, 0x5EED0006,
        [
            new(1, ShapeKind.Disc, C.Purple, 30, Trajectory.Line(0, 200, 130, 23, 70, 90)),
            new(2, ShapeKind.Disc, C.Purple, 30, Trajectory.Line(0, 280, 140, 23, 410, 190)),
            new(3, ShapeKind.Triangle, C.Green, 28, Trajectory.Still(240, 220)),
        ],
        [
            Ask("both purple discs", 1, 2),
            Ask("the green triangle below them", 3),
            Ask("the red one", []),
        ]);

    /// <summary>Two discs of the same size swap sides at the same height; the orange one passes in front.</summary>
    private static SyntheticScene CrossingPaths() => new(
        "crossing-paths", 480, 270, 32, s_rate, 0x5EED0007,
        [
            new(1, ShapeKind.Disc, C.Orange, 32, Trajectory.Line(0, 60, 135, 31, 420, 135), Layer: 1),
            new(2, ShapeKind.Disc, C.Blue, 32, Trajectory.Line(0, 420, 140, 31, 60, 140)),
        ],
        [
            Ask("the orange ball going right", 1),
            Ask("the blue ball that passes behind the other ball", 2),
            Ask("the yellow square", []),
        ]);

    private static SyntheticScene BouncingWhite() => new(
        "bouncing-white", 320, 240, 24, s_rate, 0x5EED0008,
        [
            new(1, ShapeKind.Disc, C.White, 24, new Trajectory([new Keyframe(0, 80, 120)], wobbleY: 60, wobblePeriod: 12)),
            new(2, ShapeKind.Square, C.Black, 22, Trajectory.Line(0, 170, 200, 23, 280, 200)),
            new(3, ShapeKind.Triangle, C.Red, 24, Trajectory.Still(240, 70)),
        ],
        [
            Ask("the white ball bouncing up and down", 1),
            Ask("which shape is black?", 2),
            Ask("the red triangle at the top", 3),
            Ask("the yellow ball", []),
        ]);

    private static SyntheticScene YellowWave() => new(
        "yellow-wave", 480, 270, 40, s_rate, 0x5EED0009,
        [
            new(1, ShapeKind.Triangle, C.Yellow, 26, new Trajectory([new Keyframe(0, 60, 135), new Keyframe(39, 300, 135)], wobbleY: 50, wobblePeriod: 20)),
            new(2, ShapeKind.RoundedBox, C.Green, 36, Trajectory.Still(400, 200)),
            new(3, ShapeKind.Square, C.Blue, 22, Trajectory.Line(0, 400, 40, 39, 400, 110)),
        ],
        [
            Ask("the yellow triangle that moves in a wave", 1),
            Ask("the green box on the right", 2),
            Ask("the blue square drifting down", 3),
            Ask("the purple thing", []),
        ]);

    /// <summary>Four objects; the orange triangle enters from the left at frame 16 and the red disc falls out of the bottom.</summary>
    private static SyntheticScene FourObjects() => new(
        "four-objects", 480, 270, 48, s_rate, 0x5EED000A,
        [
            new(1, ShapeKind.Disc, C.Red, 26, Trajectory.Line(0, 120, 80, 40, 150, 310)),
            new(2, ShapeKind.Square, C.Green, 24, Trajectory.Still(380, 70)),
            new(3, ShapeKind.RoundedBox, C.Blue, 30, Trajectory.Line(0, 330, 200, 47, 400, 200)),
            new(4, ShapeKind.Triangle, C.Orange, 26, Trajectory.Line(16, -30, 160, 47, 230, 160), FirstFrame: 16),
        ],
        [
            Ask("the orange triangle that comes in from the left", 4),
            Ask("the red ball that falls out of the picture", 1),
            Ask("the green square that never moves", 2),
            Ask("find the white object", []),
        ]);

    /// <summary>A green disc slides behind a white box in front of it, partly and then fully hidden, and comes out.</summary>
    private static SyntheticScene BehindTheBox() => new(
        "behind-the-box", 320, 240, 32, s_rate, 0x5EED000B,
        [
            new(1, ShapeKind.Disc, C.Green, 22, Trajectory.Line(0, 40, 120, 31, 280, 120)),
            new(2, ShapeKind.RoundedBox, C.White, 44, Trajectory.Still(160, 120), Layer: 1),
        ],
        [
            Ask("the green ball that slips behind the box", 1),
            Ask("the white box in front", 2),
            Ask("the blue disc", []),
        ]);

    private static SyntheticScene BuildBench() => new(
        "bench", 1280, 720, 300, new FrameRate(30, 1), 0x5EED0BE7,
        [
            new(1, ShapeKind.Disc, C.Red, 70, new Trajectory([new Keyframe(0, 160, 380), new Keyframe(299, 1120, 380)], wobbleY: 90, wobblePeriod: 100)),
            new(2, ShapeKind.Square, C.Blue, 80, Trajectory.Line(0, 1100, 420, 299, 200, 420), Layer: 1),
            new(3, ShapeKind.Triangle, C.Yellow, 60, Trajectory.Line(120, 1360, 140, 299, 760, 140), FirstFrame: 120),
        ],
        [
            Ask("the red ball rolling across", 1),
            Ask("the blue square in front", 2),
            Ask("the yellow triangle that shows up later", 3),
            Ask("the green thing", []),
        ]);
}
