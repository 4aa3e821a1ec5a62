using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.Tokenization;

/// <summary>Facts about the real Qwen tokenizer beyond the golden vectors.</summary>
public sealed class QwenTokenizerTests
{
    private static BpeTokenizer Tokenizer => QwenTokenizerFile.Tokenizer;

    [Fact]
    public void Special_token_ids_are_the_qwen2_vl_ones()
    {
        var ids = QwenSpecialTokens.From(Tokenizer);
        Assert.Equal(new QwenSpecialTokens(151643, 151644, 151645, 151652, 151653, 151654, 151655, 151656), ids);
        Assert.Equal([151645, 151643], ids.StopIds);
        Assert.True(Tokenizer.IsSpecial(151644));
        Assert.False(Tokenizer.IsSpecial(151667)); // <think> is an added token but not special
        Assert.Equal(151669, Tokenizer.VocabularySize);
    }

    [Fact]
    public void Token_and_id_lookups_are_inverse()
    {
        Assert.Equal(151656, Tokenizer.TokenToId("<|video_pad|>"));
        Assert.Equal("<|video_pad|>", Tokenizer.IdToToken(151656));
        Assert.Equal(785, Tokenizer.TokenToId("The"));
        Assert.Equal("Ġthe", Tokenizer.IdToToken(279));
        Assert.Null(Tokenizer.TokenToId("no such token"));
        Assert.Null(Tokenizer.IdToToken(151_900));
    }

    [Fact]
    public void Each_digit_is_its_own_token()
    {
        int[] ids = Tokenizer.Encode("2024");
        Assert.Equal(4, ids.Length);
        Assert.Equal(["2", "0", "2", "4"], ids.Select(id => Tokenizer.IdToToken(id)));
    }

    [Theory]
    [InlineData("The dog jumps over the fence.")]
    [InlineData("  leading, trailing  \n\n\t mixed \r\n whitespace   ")]
    [InlineData("视频推理分割 🐶🇯🇵 👨‍👩‍👧 mixed Ελληνικά and Straße")]
    [InlineData("<|im_start|>user\n<|vision_start|><|video_pad|><|vision_end|>where?<|im_end|>\n")]
    [InlineData("𝐀𝐁𝐂 𝟏𝟐𝟑 😀abc")]
    public void Decode_of_encode_gives_the_text_back(string text)
    {
        Assert.Equal(text, Tokenizer.Decode(Tokenizer.Encode(text)));
    }

    [Fact]
    public void Decode_skips_special_tokens_but_keeps_other_added_tokens_when_asked()
    {
        int[] ids = Tokenizer.Encode("<|im_start|>a<think>b</think><|im_end|>");
        Assert.Equal("a<think>b</think>", Tokenizer.Decode(ids, skipSpecialTokens: true));
    }

    [Fact]
    public void A_token_boundary_inside_a_character_decodes_to_the_replacement_character()
    {
        int[] ids = Tokenizer.Encode("🍕");
        Assert.True(ids.Length >= 1);
        int[] bytes = [.. "🍕"u8.ToArray().Select(b => Tokenizer.TokenToId(ByteLevelAlphabet.ToChar(b).ToString())!.Value)];
        Assert.Equal("🍕", Tokenizer.Decode(bytes));
        Assert.Equal("\uFFFD", Tokenizer.Decode(bytes.AsSpan(0, 3)));
    }

    [Fact]
    public void A_lone_surrogate_encodes_as_the_replacement_character_as_utf8_would()
    {
        Assert.Equal(Tokenizer.Encode("a\uFFFDb"), Tokenizer.Encode("a\uD800b"));
    }

    [Fact]
    public void Unknown_id_is_a_clear_error()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Tokenizer.Decode([1, 151_900]));
        Assert.Contains("151900", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_runs_encode_like_short_ones_concatenated_by_the_regex()
    {
        // 5000 letters is one pre-token: exercises the queue-based merge (more than 48 symbols).
        string text = string.Concat(Enumerable.Repeat("abcdefghij", 500));
        int[] ids = Tokenizer.Encode(text);
        Assert.Equal(text, Tokenizer.Decode(ids));
        Assert.True(ids.Length < text.Length / 2);
    }

    [Fact]
    public void Encoding_is_thread_safe()
    {
        string[] texts = ["The quick brown fox", "视频推理分割", "it's 2024 🐶", "  spaces  \n"];
        int[][] expected = [.. texts.Select(Tokenizer.Encode)];
        Parallel.For(0, 2000, i => Assert.Equal(expected[i % texts.Length], Tokenizer.Encode(texts[i % texts.Length])));
    }
}
