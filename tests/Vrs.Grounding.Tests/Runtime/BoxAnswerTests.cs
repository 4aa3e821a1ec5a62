using Vrs.Grounding.Answers;
using Vrs.Grounding.Runtime;

namespace Vrs.Grounding.Tests.Runtime;

public sealed class BoxAnswerTests
{
    [Fact]
    public void Qwen2_vl_boxes_are_thousandths_of_the_frame()
    {
        PixelBox? box = BoxAnswer.Parse("<|box_start|>(100,250),(500,750)<|box_end|>", LvlmSettings.Qwen2Vl, 448, 252, 1920, 1080);

        Assert.Equal(new PixelBox(192, 270, 960, 810), box);
    }

    [Fact]
    public void Qwen25_vl_boxes_are_pixels_of_the_resized_image_scaled_to_the_frame()
    {
        const string answer = "```json\n[\n  {\"bbox_2d\": [112, 28, 224, 140], \"label\": \"red car\"}\n]\n```";

        PixelBox? box = BoxAnswer.Parse(answer, LvlmSettings.Qwen25Vl, 448, 252, 896, 504);

        Assert.Equal(new PixelBox(224, 56, 448, 280), box);
    }

    [Fact]
    public void Swapped_corners_are_ordered_and_coordinates_past_the_edge_are_clamped()
    {
        PixelBox? box = BoxAnswer.Parse("(900,80),(1200,10)", LvlmSettings.Qwen2Vl, 1, 1, 100, 100);

        Assert.Equal(new PixelBox(90, 1, 100, 8), box);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("(12,34)")]
    [InlineData("\"bbox_2d\": [1, 2, 3]")]
    public void An_answer_without_a_whole_box_gives_null(string answer) =>
        Assert.Null(BoxAnswer.Parse(answer, LvlmSettings.Qwen25Vl, 100, 100, 100, 100));
}
