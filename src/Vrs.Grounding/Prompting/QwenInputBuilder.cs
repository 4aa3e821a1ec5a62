using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Prompting;

/// <summary>Everything the LVLM's prefill needs for one prompt: ids, where the vision tokens are, pixels and 3-D positions.</summary>
public sealed record QwenModelInputs(QwenPrompt Prompt, VisionInput Vision, MropePositionIds Positions);

/// <summary>
/// DecAF's single-turn prompt (<c>get_sharegpt_format_messages</c>): one user turn holding the vision item first and the
/// question after it, the default system turn, and the generation prompt; then pads expanded and positions computed.
/// </summary>
public static class QwenInputBuilder
{
    /// <param name="secondsPerGrid">Qwen2.5-VL's second_per_grid_t (temporal patch / fps; 1.0 at the processor's default fps 2).</param>
    public static QwenModelInputs ForVideo(BpeTokenizer tokenizer, VisionInput video, string question, MropeOptions options, float secondsPerGrid = 1f, int mergeSize = 2)
    {
        ArgumentNullException.ThrowIfNull(video);
        string rendered = QwenChatTemplate.Render([ChatMessage.User(ChatContent.Video, ChatContent.FromText(CheckQuestion(question)))]);
        QwenPrompt prompt = QwenPrompt.Build(tokenizer, QwenSpecialTokens.From(tokenizer), rendered, [], [video.Grid], mergeSize);
        MropePositionIds positions = MropePositionIds.Compute(prompt.InputIds, [], [video.Grid], options, [secondsPerGrid]);
        return new QwenModelInputs(prompt, video, positions);
    }

    public static QwenModelInputs ForImage(BpeTokenizer tokenizer, VisionInput image, string question, MropeOptions options, int mergeSize = 2)
    {
        ArgumentNullException.ThrowIfNull(image);
        string rendered = QwenChatTemplate.Render([ChatMessage.User(ChatContent.Image, ChatContent.FromText(CheckQuestion(question)))]);
        QwenPrompt prompt = QwenPrompt.Build(tokenizer, QwenSpecialTokens.From(tokenizer), rendered, [image.Grid], [], mergeSize);
        MropePositionIds positions = MropePositionIds.Compute(prompt.InputIds, [image.Grid], [], options);
        return new QwenModelInputs(prompt, image, positions);
    }

    private static string CheckQuestion(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (string.IsNullOrWhiteSpace(question))
        {
            throw new ArgumentException("the question is empty", nameof(question));
        }

        return question;
    }
}
