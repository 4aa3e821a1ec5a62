using Vrs.Grounding.Answers;

namespace Vrs.Grounding.Tests.Runtime;

/// <summary>Veason-R1's answer read into a keyframe and frame-pixel boxes, or refused as malformed.</summary>
public sealed class VeasonAnswerParserTests
{
    // Frames 1120×280 shown at 560×560: x × 2, y × 0.5.
    private static readonly int[] s_shown = [0, 12, 25, 37];

    private static VeasonAnswer Parse(string text) => VeasonAnswerParser.Parse(text, s_shown, (560, 560), (1120, 280));

    [Fact]
    public void A_good_answer_gives_the_keyframe_and_boxes_in_frame_pixels()
    {
        VeasonKeyframe answer = Assert.IsType<VeasonKeyframe>(
            Parse("""<answer>{"keyframe_timestamp": 25, "bbox_2d_list": [[100, 200, 300, 400], [500, 10, 20, 600]]}</answer>"""));
        Assert.Equal((25, 2), (answer.FrameIndex, answer.Position));
        // (100, 200)–(300, 400) → (200, 100)–(600, 200); the second has its corners swapped (x) and y2 past the image:
        // x 20…500 → 40…1000, y 10…600 → 5…300, clamped to 280.
        Assert.Equal([new PixelBox(200, 100, 600, 200), new PixelBox(40, 5, 1000, 280)], answer.Boxes);
    }

    [Fact]
    public void Thinking_before_the_answer_whitespace_and_a_code_fence_are_skipped()
    {
        const string Text = """
            <think>The frame at (12s) shows the {dog} best; maybe "keyframe_timestamp": 0?</think>
            <answer>
            ```json
            { "keyframe_timestamp" : "12",
              "bbox_2d_list" : [ [ 56 , 56 , 112 , 112 ] ] }
            ```
            </answer>
            """;
        VeasonKeyframe answer = Assert.IsType<VeasonKeyframe>(Parse(Text));
        Assert.Equal((12, 1), (answer.FrameIndex, answer.Position));
        Assert.Equal([new PixelBox(112, 28, 224, 56)], answer.Boxes);
    }

    [Fact]
    public void A_single_bbox_2d_and_json_without_answer_tags_are_accepted()
    {
        VeasonKeyframe answer = Assert.IsType<VeasonKeyframe>(Parse("""{"keyframe_timestamp": 0, "bbox_2d": [0, 0, 560, 560]}"""));
        Assert.Equal(0, answer.FrameIndex);
        Assert.Equal([new PixelBox(0, 0, 1120, 280)], answer.Boxes);

        VeasonKeyframe empty = Assert.IsType<VeasonKeyframe>(Parse("""<answer>{"keyframe_timestamp": 37, "bbox_2d_list": []}</answer>"""));
        Assert.Equal((37, 3), (empty.FrameIndex, empty.Position));
        Assert.Empty(empty.Boxes);
    }

    [Theory]
    [InlineData("""<answer>{"keyframe_timestamp": 13, "bbox_2d_list": [[1, 2, 3, 4]]}</answer>""", "13 is not one of the shown timestamps (0, 12, 25, 37)")]
    [InlineData("""<answer>{"keyframe_timestamp": 12.5, "bbox_2d_list": [[1, 2, 3, 4]]}</answer>""", "is not a whole number")]
    [InlineData("""<answer>{"bbox_2d_list": [[1, 2, 3, 4]]}</answer>""", "no keyframe_timestamp")]
    [InlineData("""<answer>{"keyframe_timestamp": 12, "bbox_2d_list": [[1, 2, 3]]}</answer>""", "is not [x1, y1, x2, y2]")]
    [InlineData("""<answer>{"keyframe_timestamp": 12}</answer>""", "no bbox_2d_list")]
    [InlineData("""<answer>{"keyframe_timestamp": 12, "bbox_2d_list": [[1, 2, 3, 4]]""", "no JSON object")]
    [InlineData("""<answer>{"keyframe_timestamp": 12, "bbox_2d_list": [[1, 2, 3, 4]]]}</answer>""", "does not parse")]
    [InlineData("The target is the dog on the left.", "no JSON object")]
    [InlineData("none", "no JSON object")]
    public void Anything_else_is_malformed_with_the_reason_and_never_a_guess(string text, string reason)
    {
        VeasonMalformed answer = Assert.IsType<VeasonMalformed>(Parse(text));
        Assert.Contains(reason, answer.Reason, StringComparison.Ordinal);
        Assert.Equal(text, answer.Text);
    }
}
