using System.Text.Json.Nodes;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.Tokenization;

/// <summary>Hand-computed cases on tiny tokenizer.json files (ids 0–255 are bytes, merges count up from 256).</summary>
public sealed class BpeTokenizerTests : IDisposable
{
    private readonly TinyTokenizerJson _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Merges_apply_by_rank_in_both_file_forms(bool pairForm)
    {
        // "h e"=256, "l l"=257, "he ll"=258, "ll o"=259: "hello" → he + ll + o → hell + o (rank 2 beats rank 3).
        var tokenizer = BpeTokenizer.Load(_files.Write(["h e", "l l", "he ll", "ll o"], pairForm));
        Assert.Equal([258, 111], tokenizer.Encode("hello"));
        Assert.Equal("hello", tokenizer.Decode([258, 111]));
    }

    [Fact]
    public void Equal_ranks_merge_leftmost_first()
    {
        // "a a"=256: "aaa" → [aa, a], not [a, aa].
        var tokenizer = BpeTokenizer.Load(_files.Write(["a a"]));
        Assert.Equal([256, 97], tokenizer.Encode("aaa"));
        Assert.Equal([256, 256], tokenizer.Encode("aaaa"));
    }

    [Fact]
    public void Pieces_never_merge_across_pre_tokenizer_boundaries()
    {
        // "Ġ a"=256: " a" merges inside one piece; "1 2" digits are separate pieces, so "12" never merges.
        var tokenizer = BpeTokenizer.Load(_files.Write(["Ġ a", "1 2"]));
        Assert.Equal([256], tokenizer.Encode(" a"));
        Assert.Equal([49, 50], tokenizer.Encode("12"));
    }

    [Fact]
    public void Added_tokens_are_found_before_pre_tokenization_leftmost_longest()
    {
        JsonArray added = [TinyTokenizerJson.Added(300, "<x>"), TinyTokenizerJson.Added(301, "<x><y>")];
        var tokenizer = BpeTokenizer.Load(_files.Write([], addedTokens: added));
        Assert.Equal([97, 301, 98, 300], tokenizer.Encode("a<x><y>b<x>"));
        Assert.Equal("a<x><y>b<x>", tokenizer.Decode([97, 301, 98, 300]));
        Assert.Equal("ab", tokenizer.Decode([97, 301, 98, 300], skipSpecialTokens: true));
    }

    [Fact]
    public void Lstrip_and_rstrip_swallow_neighbouring_whitespace()
    {
        JsonArray added = [TinyTokenizerJson.Added(300, "<m>", lstrip: true, rstrip: true)];
        var tokenizer = BpeTokenizer.Load(_files.Write([], addedTokens: added));
        Assert.Equal([97, 300, 98], tokenizer.Encode("a  <m>\n b"));
    }

    [Fact]
    public void Single_word_tokens_only_match_outside_words()
    {
        JsonArray added = [TinyTokenizerJson.Added(300, "cat", special: false, singleWord: true)];
        var tokenizer = BpeTokenizer.Load(_files.Write([], addedTokens: added));
        Assert.Equal([300, 32, 300], tokenizer.Encode("cat cat"));
        Assert.Equal([99, 97, 116, 115], tokenizer.Encode("cats"));
    }

    [Fact]
    public void Normalized_added_tokens_match_after_nfc()
    {
        // "é" as e + U+0301 in the input is NFC-composed before a normalized added token "é" is looked for.
        JsonArray added = [TinyTokenizerJson.Added(300, "é", special: false, normalized: true)];
        var tokenizer = BpeTokenizer.Load(_files.Write([], addedTokens: added));
        Assert.Equal([300], tokenizer.Encode("e\u0301"));
    }

    [Fact]
    public void Without_a_normalizer_decomposed_text_stays_decomposed()
    {
        var tokenizer = BpeTokenizer.Load(_files.Write([], nfc: false));
        Assert.Equal([101, 204, 129], tokenizer.Encode("e\u0301"));
        Assert.Equal([195, 169], BpeTokenizer.Load(_files.Write([])).Encode("e\u0301"));
    }

    [Fact]
    public void A_non_bpe_tokenizer_is_refused_naming_the_file_and_the_model_type()
    {
        string path = _files.WriteText("""
            {"version": "1.0", "normalizer": {"type": "BertNormalizer"}, "pre_tokenizer": {"type": "BertPreTokenizer"},
             "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "vocab": {"[UNK]": 0, "a": 1, "##b": 2}}}
            """, "wordpiece.json");
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => BpeTokenizer.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("WordPiece", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_refused_naming_the_file()
    {
        string path = _files.WriteText("{\"model\": {\"type\": \"BPE\", \"vocab\": {", "broken.json");
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => BpeTokenizer.Load(path));
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bpe_without_byte_level_pre_tokenizer_is_refused()
    {
        JsonNode root = TinyTokenizerJson.Parse(File.ReadAllText(_files.Write([])));
        root["pre_tokenizer"] = new JsonObject { ["type"] = "Metaspace", ["replacement"] = "▁" };
        string path = _files.WriteText(root.ToJsonString(), "metaspace.json");
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => BpeTokenizer.Load(path));
        Assert.Contains("Metaspace", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_merge_of_unknown_symbols_is_refused()
    {
        JsonNode root = TinyTokenizerJson.Parse(File.ReadAllText(_files.Write(["a b"])));
        root["model"]!["merges"]!.AsArray().Add("b zz");
        string path = _files.WriteText(root.ToJsonString(), "badmerge.json");
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => BpeTokenizer.Load(path));
        Assert.Contains("merge #1", e.Message, StringComparison.Ordinal);
        Assert.Contains("\"zz\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => BpeTokenizer.Load(Path.Combine(Path.GetTempPath(), "no-such-tokenizer.json")));
    }
}
