using Vrs.Grounding.Prompting;
using Vrs.Grounding.StandIn;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>The stand-in's tokenizer.json read back by vrs's own BPE tokenizer.</summary>
public sealed class StandInTokenizerTests
{
    public static TheoryData<string> Words() => [.. StandInVocabulary.AllWords()];

    [Theory]
    [MemberData(nameof(Words))]
    public void Every_listed_word_is_one_token_and_decodes_back(string word)
    {
        BpeTokenizer tokenizer = StandInFiles.Tokenizer;
        int[] ids = tokenizer.Encode(word);
        Assert.Single(ids);
        Assert.Equal(StandInFiles.Vocabulary.WordId(word), ids[0]);
        Assert.Equal(word, tokenizer.Decode(ids));
    }

    [Fact]
    public void The_answer_head_tokens_are_single_and_digits_stay_bytes()
    {
        BpeTokenizer tokenizer = StandInFiles.Tokenizer;
        Assert.Equal([StandInFiles.Vocabulary.WordId("assistant")], tokenizer.Encode("assistant"));
        Assert.Equal([(int)'\n'], tokenizer.Encode("\n"));
        Assert.Equal([(int)'1', (int)'2', (int)'3'], tokenizer.Encode("123"));
        Assert.Equal("(120,45),(999,0)", tokenizer.Decode(tokenizer.Encode("(120,45),(999,0)")));
    }

    [Fact]
    public void Special_tokens_follow_the_vocabulary_in_Qwen_order_and_the_size_counts_them()
    {
        BpeTokenizer tokenizer = StandInFiles.Tokenizer;
        QwenSpecialTokens specials = QwenSpecialTokens.From(tokenizer);
        int first = specials.EndOfText;
        Assert.Equal(first + 1, specials.ImStart);
        Assert.Equal(first + 2, specials.ImEnd);
        Assert.Equal(first + 13, specials.VideoPad);
        Assert.Equal(first + 14, tokenizer.VocabularySize);
        Assert.Equal(StandInFiles.Vocabulary.Size, tokenizer.VocabularySize);
        Assert.True(tokenizer.IsSpecial(specials.VisionStart));
        Assert.All(StandInVocabulary.SpecialTokens, t => Assert.Equal([tokenizer.AddedTokenId(t)], tokenizer.Encode(t)));
    }

    [Fact]
    public void The_chat_template_prompt_encodes_to_its_words_and_round_trips()
    {
        BpeTokenizer tokenizer = StandInFiles.Tokenizer;
        string prompt = QwenChatTemplate.Render([ChatMessage.User(ChatContent.FromText("What is the red object?"))]);
        int[] ids = tokenizer.Encode(prompt);
        Assert.Equal(prompt, tokenizer.Decode(ids));
        string[] tokens = [.. ids.Select(id => tokenizer.IdToToken(id)!)];
        Assert.Equal(
            ["<|im_start|>", "system", "Ċ", "You", "Ġare", "Ġa", "Ġhelpful", "Ġassistant", ".", "<|im_end|>", "Ċ",
             "<|im_start|>", "user", "Ċ", "What", "Ġis", "Ġthe", "Ġred", "Ġobject", "?", "<|im_end|>", "Ċ",
             "<|im_start|>", "assistant", "Ċ"],
            tokens);
    }
}
