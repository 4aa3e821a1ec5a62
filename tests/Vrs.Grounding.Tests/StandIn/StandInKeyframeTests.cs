using Vrs.Grounding.Answers;
using Vrs.Grounding.Runtime;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>
/// Veason-R1's question answered by the stand-in through ONNX Runtime: four 320×180 frames shown as 112×112 images
/// (4×4 cells of 28 px; a cell is 80×45 frame px) after "(4s)", "(37s)", "(105s)", "(250s)". Frame 4 has a blue block,
/// frame 37 a small red block, frame 105 a large red block, frame 250 only grey.
/// </summary>
public sealed class StandInKeyframeTests
{
    private const int W = 320;
    private const int H = 180;
    private const int Side = 112;

    private static readonly int[] s_timestamps = [4, 37, 105, 250];

    /// <summary>(x1, y1, x2, y2, colour) per frame, frame pixels; red (200, 40, 40) and blue (40, 80, 200) as a camera sees them.</summary>
    private static readonly (int X1, int Y1, int X2, int Y2, byte R, byte G, byte B)?[] s_blocks =
    [
        (0, 0, 80, 90, 40, 80, 200),
        (160, 90, 240, 135, 200, 40, 40),
        (70, 40, 250, 140, 200, 40, 40),
        null,
    ];

    [Theory]
    // Frame 105's block covers resized x 24.5–87.5, y 24.9–87.1: full cells in columns 1–2, rows 1–2 (four rows
    // against frame 37's one); the 3-px slivers in columns 0 and 3 are an eighth red, below the chroma gate. Box in
    // the 112×112 image: (28, 28)–(84, 84).
    [InlineData("the red object", 105, 2, "[[  28,   28,   84,   84]]")]
    // Frame 4's block is column 0, rows 0–1 exactly: (0, 0)–(28, 56).
    [InlineData("the blue object", 4, 0, "[[   0,    0,   28,   56]]")]
    public void The_keyframe_is_the_frame_where_the_named_colour_is_largest_and_the_box_is_its_cells(string expression, int keyframe, int position, string boxes)
    {
        using LvlmModel model = LvlmModel.Open(StandInFiles.Directory, StandInFiles.Sessions);
        var question = new VeasonKeyframeQuestion(model, Side);
        TimestampedImage[] frames = [.. s_timestamps.Select((t, i) => question.Encode(Frame(s_blocks[i]), W, H, t))];

        VeasonAnswer answer = question.Ask(frames, expression);

        VeasonKeyframe found = Assert.IsType<VeasonKeyframe>(answer);
        Assert.Equal(
            $"<answer>{{\"keyframe_timestamp\": {keyframe,4}, \"bbox_2d_list\": {boxes}}}</answer>",
            found.Text);
        Assert.Equal(GenerationStop.StopToken, found.Stop);
        Assert.Equal((keyframe, position), (found.FrameIndex, found.Position));
        PixelBox box = Assert.Single(found.Boxes);
        (int x1, int y1, int x2, int y2, _, _, _) = s_blocks[position]!.Value;
        const double CellWidth = (double)W / (Side / 28);
        const double CellHeight = (double)H / (Side / 28);
        Assert.True(
            Math.Abs(box.X1 - x1) <= CellWidth && Math.Abs(box.X2 - x2) <= CellWidth && Math.Abs(box.Y1 - y1) <= CellHeight && Math.Abs(box.Y2 - y2) <= CellHeight,
            $"box {box}, block ({x1}, {y1})–({x2}, {y2})");
    }

    [Fact]
    public void A_colour_in_no_frame_is_answered_none_which_is_malformed_not_a_guess()
    {
        using LvlmModel model = LvlmModel.Open(StandInFiles.Directory, StandInFiles.Sessions);
        var question = new VeasonKeyframeQuestion(model, Side);
        TimestampedImage[] frames = [.. s_timestamps.Select((t, i) => question.Encode(Frame(s_blocks[i]), W, H, t))];

        VeasonMalformed answer = Assert.IsType<VeasonMalformed>(question.Ask(frames, "the green object"));
        Assert.Equal("none", answer.Text);
    }

    private static byte[] Frame((int X1, int Y1, int X2, int Y2, byte R, byte G, byte B)? block)
    {
        var rgb = new byte[W * H * 3];
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                int p = ((y * W) + x) * 3;
                (rgb[p], rgb[p + 1], rgb[p + 2]) = block is { } b && x >= b.X1 && x < b.X2 && y >= b.Y1 && y < b.Y2 ? (b.R, b.G, b.B) : ((byte)128, (byte)128, (byte)128);
            }
        }

        return rgb;
    }
}
