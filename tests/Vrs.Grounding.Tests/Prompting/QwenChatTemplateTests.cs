using System.Text.Json;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Prompting;
using Vrs.Grounding.Tests.Preprocessing;
using Vrs.Grounding.Tests.Tokenization;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.Prompting;

/// <summary>
/// The chat template against Qwen2-VL's chat_template.json rendered by jinja2 and the processor's pad expansion
/// (goldens: <see cref="QwenVisionGolden"/>); ids through the real Qwen tokenizer.
/// </summary>
public sealed class QwenChatTemplateTests
{
    public static TheoryData<string> TemplateCases => QwenVisionGolden.Names("template");

    [Theory]
    [MemberData(nameof(TemplateCases))]
    public void Render_matches_the_jinja_template(string name)
    {
        JsonElement c = QwenVisionGolden.Case("template", name);
        string rendered = QwenChatTemplate.Render(
            Messages(c.GetProperty("messages")),
            c.GetProperty("addGenerationPrompt").GetBoolean(),
            c.GetProperty("addVisionId").GetBoolean());
        Assert.Equal(c.GetProperty("rendered").GetString(), rendered);
    }

    [Theory]
    [MemberData(nameof(TemplateCases))]
    public void Pad_expansion_matches_the_processor(string name)
    {
        JsonElement c = QwenVisionGolden.Case("template", name);
        BpeTokenizer tokenizer = QwenTokenizerFile.Tokenizer;
        QwenSpecialTokens specials = QwenSpecialTokens.From(tokenizer);

        // Grids whose merged token counts are the golden pad counts (1×2×(2n) patches → n tokens).
        List<VisionGrid> images = [.. QwenVisionGolden.Ints(c.GetProperty("imageTokens")).Select(n => new VisionGrid(1, 2, 2 * n))];
        List<VisionGrid> videos = [.. QwenVisionGolden.Ints(c.GetProperty("videoTokens")).Select(n => new VisionGrid(1, 2, 2 * n))];
        QwenPrompt prompt = QwenPrompt.Build(tokenizer, specials, c.GetProperty("rendered").GetString()!, images, videos);

        Assert.Equal(tokenizer.Encode(c.GetProperty("expanded").GetString()!), prompt.InputIds);
        foreach (VisionSpan span in prompt.VisionSpans)
        {
            Assert.Equal(specials.VisionStart, prompt.InputIds[span.Start - 1]);
            Assert.Equal(specials.VisionEnd, prompt.InputIds[span.Start + span.Length]);
        }
    }

    [Fact]
    public void DecAF_video_prompt_ids_are_the_known_Qwen_ids()
    {
        // 16 frames of 854×480 at max_pixels 400·28²: grid (8, 28, 52) → 8·14·26 = 2912 video tokens (lvlm-grounding.md §3.1).
        BpeTokenizer tokenizer = QwenTokenizerFile.Tokenizer;
        QwenSpecialTokens specials = QwenSpecialTokens.From(tokenizer);
        string rendered = QwenChatTemplate.Render([ChatMessage.User(ChatContent.Video, ChatContent.FromText("dog"))]);
        QwenPrompt prompt = QwenPrompt.Build(tokenizer, specials, rendered, [], [new VisionGrid(8, 28, 52)]);

        // <|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n<|vision_start|>
        int[] head = [151644, 8948, 198, 2610, 525, 264, 10950, 17847, 13, 151645, 198, 151644, 872, 198, 151652];
        Assert.Equal(head, prompt.InputIds[..head.Length]);
        VisionSpan span = Assert.Single(prompt.VisionSpans);
        Assert.Equal((head.Length, 2912), (span.Start, span.Length));
        Assert.All(prompt.InputIds.AsSpan(span.Start, span.Length).ToArray(), id => Assert.Equal(151656, id));

        // <|vision_end|>dog<|im_end|>\n<|im_start|>assistant\n — the query is the final "\n".
        int[] tail = [151653, 18457, 151645, 198, 151644, 77091, 198];
        Assert.Equal(tail, prompt.InputIds[^tail.Length..]);
        Assert.Equal(prompt.InputIds.Length - 1, prompt.QueryIndex);
    }

    [Fact]
    public void More_placeholders_than_grids_is_an_error()
    {
        BpeTokenizer tokenizer = QwenTokenizerFile.Tokenizer;
        string rendered = QwenChatTemplate.Render([ChatMessage.User(ChatContent.Image, ChatContent.Image)]);
        Assert.Throws<ArgumentException>(() => QwenPrompt.Build(tokenizer, QwenSpecialTokens.From(tokenizer), rendered, [new VisionGrid(1, 2, 2)], []));
    }

    private static List<ChatMessage> Messages(JsonElement array)
    {
        List<ChatMessage> messages = [];
        foreach (JsonElement m in array.EnumerateArray())
        {
            List<ChatContent> parts = [];
            foreach (JsonElement part in m.GetProperty("content").EnumerateArray())
            {
                parts.Add(part.GetProperty("type").GetString() switch
                {
                    "image" => ChatContent.Image,
                    "video" => ChatContent.Video,
                    _ => ChatContent.FromText(part.GetProperty("text").GetString()!),
                });
            }

            messages.Add(new ChatMessage(m.GetProperty("role").GetString()!, parts));
        }

        return messages;
    }
}
