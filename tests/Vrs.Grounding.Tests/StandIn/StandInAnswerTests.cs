using Vrs.Grounding.Preprocessing;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>
/// The answer head driven as the host drives it: probe, then decoder steps with the KV cache, greedy. The image is 3
/// cells wide and 4 high (84×112 px): red fills cells x 1–2 of row 1, blue fills cell (0, 3), grey elsewhere.
/// </summary>
public sealed class StandInAnswerTests
{
    private static readonly float[] s_red = [1f, 0f, 0f];
    private static readonly float[] s_blue = [0f, 0f, 1f];
    private static readonly float[] s_grey = [0.5f, 0.5f, 0.5f];

    private static VisionInput Scene() => StandInRunner.Image(
    [
        [s_grey, s_grey, s_grey],
        [s_grey, s_red, s_red],
        [s_grey, s_grey, s_grey],
        [s_blue, s_grey, s_grey],
    ]);

    [Theory]
    [InlineData("What is the red object?", "red object")]
    [InlineData("Which one is Blue?", "blue object")]
    [InlineData("Is it the blue or the red one?", "red object")]   // red has 2 matching cells, blue 1
    [InlineData("What is the green object?", "none")]
    [InlineData("Where is the cat?", "none")]
    public void A_colour_question_gets_the_colour_word_or_none(string question, string answer)
    {
        using var runner = new StandInRunner();
        int[] tokens = runner.Generate(Scene(), question);
        Assert.Equal(answer, StandInRunner.Tokenizer.Decode(tokens, skipSpecialTokens: true));
    }

    [Theory]
    // x: cells 1–2 of 3 → floor(1000·1/3) = 333, min(999, 1000) = 999; y: row 1 of 4 → 250, 500.
    [InlineData("Output the bounding box of the red object.", "<|box_start|>(333,250),(999,500)<|box_end|>")]
    // cell (0, 3): x 0 … floor(1000/3) = 333; y 750 … min(999, 1000) = 999.
    [InlineData("Give the blue box.", "<|box_start|>(000,750),(333,999)<|box_end|>")]
    [InlineData("Output the bounding box of the green object.", "none")]
    public void A_box_question_gets_the_extent_of_the_matching_cells_in_0_to_1000(string question, string answer)
    {
        using var runner = new StandInRunner();
        int[] tokens = runner.Generate(Scene(), question);
        Assert.Equal(answer, StandInRunner.Tokenizer.Decode(tokens));
    }
}
