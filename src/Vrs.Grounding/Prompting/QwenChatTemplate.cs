using System.Globalization;
using System.Text;

namespace Vrs.Grounding.Prompting;

/// <summary>
/// Qwen2-VL's chat template (chat_template.json; lvlm-grounding.md §6.3) as code: a default system turn when the first
/// message is not a system message, ChatML turns, one <c>&lt;|vision_start|&gt;&lt;|image_pad|&gt;&lt;|vision_end|&gt;</c>
/// (or <c>video_pad</c>) per vision item, optional "Picture k: " / "Video k: " labels, and the generation prompt.
/// </summary>
public static class QwenChatTemplate
{
    public const string DefaultSystemPrompt = "You are a helpful assistant.";

    public const string ImageBlock = "<|vision_start|><|image_pad|><|vision_end|>";

    public const string VideoBlock = "<|vision_start|><|video_pad|><|vision_end|>";

    public static string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true, bool addVisionId = false)
    {
        ArgumentNullException.ThrowIfNull(messages);
        StringBuilder sb = new();
        int images = 0;
        int videos = 0;
        for (int m = 0; m < messages.Count; m++)
        {
            ChatMessage message = messages[m];
            if (m == 0 && message.Role != "system")
            {
                sb.Append("<|im_start|>system\n").Append(DefaultSystemPrompt).Append("<|im_end|>\n");
            }

            sb.Append("<|im_start|>").Append(message.Role).Append('\n');
            foreach (ChatContent part in message.Content)
            {
                switch (part)
                {
                    case ChatContent.ImagePart:
                        images++;
                        if (addVisionId)
                        {
                            sb.Append(CultureInfo.InvariantCulture, $"Picture {images}: ");
                        }

                        sb.Append(ImageBlock);
                        break;
                    case ChatContent.VideoPart:
                        videos++;
                        if (addVisionId)
                        {
                            sb.Append(CultureInfo.InvariantCulture, $"Video {videos}: ");
                        }

                        sb.Append(VideoBlock);
                        break;
                    case ChatContent.TextPart text:
                        sb.Append(text.Text);
                        break;
                    default:
                        throw new ArgumentException($"unknown content part {part.GetType().Name}", nameof(messages));
                }
            }

            sb.Append("<|im_end|>\n");
        }

        if (addGenerationPrompt)
        {
            sb.Append("<|im_start|>assistant\n");
        }

        return sb.ToString();
    }
}
