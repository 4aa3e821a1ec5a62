using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Prompting;

/// <summary>A prompt with several images: ids, where each image's pads are (in prompt order), the images, and 3-D positions.</summary>
public sealed record QwenInterleavedInputs(QwenPrompt Prompt, IReadOnlyList<VisionInput> Images, MropePositionIds Positions);

/// <summary>
/// One user turn whose parts are text and images in any order (Veason-R1 shows each sampled frame as its own image,
/// each after its timestamp), the default system turn and the generation prompt. Images are numbered by order of
/// appearance, as the processor and get_rope_index take them: each image's t/h/w positions start at the running
/// text position and the text after it continues from the image's largest position + 1.
/// </summary>
public static class QwenInterleavedBuilder
{
    /// <param name="parts">Text and <see cref="ChatContent.Image"/> parts; the i-th image part is <paramref name="images"/>[i].</param>
    public static QwenInterleavedInputs Build(BpeTokenizer tokenizer, IReadOnlyList<ChatContent> parts, IReadOnlyList<VisionInput> images, MropeOptions options, int mergeSize = 2)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        if (parts.Any(p => p is ChatContent.VideoPart))
        {
            throw new ArgumentException("an interleaved prompt holds images and text only", nameof(parts));
        }

        int placeholders = parts.Count(p => p is ChatContent.ImagePart);
        if (placeholders != images.Count || images.Count == 0)
        {
            throw new ArgumentException($"{placeholders} image parts in the prompt but {images.Count} images given (at least one)", nameof(images));
        }

        string rendered = QwenChatTemplate.Render([new ChatMessage("user", parts)]);
        VisionGrid[] grids = [.. images.Select(i => i.Grid)];
        QwenPrompt prompt = QwenPrompt.Build(tokenizer, QwenSpecialTokens.From(tokenizer), rendered, grids, [], mergeSize);
        MropePositionIds positions = MropePositionIds.Compute(prompt.InputIds, grids, [], options);
        return new QwenInterleavedInputs(prompt, images, positions);
    }
}
