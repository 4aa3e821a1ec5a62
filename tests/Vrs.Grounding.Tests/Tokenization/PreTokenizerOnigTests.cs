using System.Text.Json;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.Tokenization;

/// <summary>
/// The Qwen2 Split regex run by .NET (with this library's Oniguruma adjustments) gives the same pieces as Oniguruma
/// itself, the engine of HF tokenizers. Data/qwen2-pretokenize-onig.json was written by
/// scripts/dev/gen-pretokenize-goldens.py through Oniguruma 6.9.8 (Debian libonig5): fixed cases plus 600 seeded
/// random strings over whitespace, apostrophes, digits, CJK, emoji, supplementary letters and digits.
/// </summary>
public sealed class PreTokenizerOnigTests
{
    [Fact]
    public void Pieces_match_oniguruma_for_every_case()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "qwen2-pretokenize-onig.json")));
        var splitter = new RegexSplitter(document.RootElement.GetProperty("pattern").GetString()!);
        var failures = new List<string>();
        int count = 0;
        foreach (JsonElement c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            count++;
            string text = c.GetProperty("text").GetString()!;
            string[] expected = [.. c.GetProperty("pieces").EnumerateArray().Select(p => p.GetString()!)];
            var pieces = new List<(int Start, int Length)>();
            splitter.Split(text, pieces);
            string[] actual = [.. pieces.Select(p => text.Substring(p.Start, p.Length))];
            if (!expected.SequenceEqual(actual))
            {
                failures.Add($"{JsonSerializer.Serialize(text)}: onig {JsonSerializer.Serialize(expected)} vs {JsonSerializer.Serialize(actual)}");
            }
        }

        Assert.True(count > 600);
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} differ:\n" + string.Join('\n', failures.Take(20)));
    }

    [Theory]
    [InlineData("😀abc", new[] { "😀abc" })]                   // an emoji may lead a letter run, as in Oniguruma
    [InlineData("x𝐀𝐁 𝟏𝟐", new[] { "x𝐀𝐁", " ", "𝟏", "𝟐" })]      // supplementary letters and digits keep their class
    [InlineData("'ſa", new[] { "'ſ", "a" })]                    // Oniguruma's (?i) folds ſ (U+017F) to s
    public void Supplementary_and_case_folding_follow_oniguruma(string text, string[] expected)
    {
        var splitter = new RegexSplitter(TinyTokenizerJson.Qwen2Pattern);
        var pieces = new List<(int Start, int Length)>();
        splitter.Split(text, pieces);
        Assert.Equal(expected, pieces.Select(p => text.Substring(p.Start, p.Length)));
    }
}
