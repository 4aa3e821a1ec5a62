using Vrs.Grounding.Maps;

namespace Vrs.Grounding.Tests.Runtime;

public sealed class GroundingPromptsTests
{
    [Theory]
    [InlineData("The Red Car", "the red car.")]
    [InlineData("  which dog jumps?  ", "which dog jumps?")]
    [InlineData("a cat.", "a cat.")]
    public void Expressions_are_lower_cased_and_end_in_a_full_stop_unless_they_end_in_one_or_a_question_mark(string expression, string expected) =>
        Assert.Equal(expected, GroundingPrompts.NormalizeExpression(expression));

    [Theory]
    [InlineData("Dog.", "Dog")]
    [InlineData("  'cat'\nbecause it sits", "cat")]
    [InlineData("", "object")]
    public void The_object_name_is_the_first_line_of_the_answer_without_punctuation(string answer, string expected) =>
        Assert.Equal(expected, GroundingPrompts.ObjectName(answer));

    [Fact]
    public void The_object_question_carries_the_expression_first_and_the_background_question_names_the_object()
    {
        Assert.StartsWith("the red car. \n", GroundingPrompts.ObjectQuestion("The red car"), StringComparison.Ordinal);
        Assert.Contains("excluding any dog.", GroundingPrompts.BackgroundQuestion("dog", isVideo: true), StringComparison.Ordinal);
        Assert.Contains("of the image", GroundingPrompts.BackgroundQuestion("dog", isVideo: false), StringComparison.Ordinal);
    }
}
