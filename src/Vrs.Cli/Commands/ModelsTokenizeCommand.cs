using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Vrs.Grounding.Tokenization;

namespace Vrs.Cli.Commands;

/// <summary>
/// <c>vrs models tokenize</c>: text lines on stdin → one JSON array of token ids per line on stdout (or, with
/// <c>--decode</c>, id arrays → JSON strings), with a byte-level BPE <c>tokenizer.json</c>.
/// </summary>
internal static class ModelsTokenizeCommand
{
    private static readonly JsonSerializerOptions s_jsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Build()
    {
        var tokenizer = new Option<FileInfo>("--tokenizer", "-t")
        {
            Description = "A Hugging Face tokenizer.json (byte-level BPE, e.g. Qwen2-VL's)",
            Required = true,
        };
        var jsonl = new Option<bool>("--jsonl")
        {
            Description = "Each input line is a JSON string (so a text may hold newlines); default: each line is the text",
        };
        var decode = new Option<bool>("--decode")
        {
            Description = "Decode instead: each input line is a JSON array of ids; prints one JSON string per line",
        };
        var skipSpecial = new Option<bool>("--skip-special")
        {
            Description = "With --decode, leave out special tokens such as <|im_start|>",
        };
        var command = new Command("tokenize", "Encode text lines from stdin into token ids (one JSON array per line), or decode ids with --decode")
        {
            tokenizer, jsonl, decode, skipSpecial,
        };
        command.SetAction((parse, cancellation) => CliErrors.RunAsync(parse.InvocationConfiguration.Error, () =>
        {
            BpeTokenizer loaded = BpeTokenizer.Load(parse.GetRequiredValue(tokenizer).FullName);
            using var input = new StreamReader(System.Console.OpenStandardInput(), new UTF8Encoding(false));
            var options = new TokenizeOptions(parse.GetValue(jsonl), parse.GetValue(decode), parse.GetValue(skipSpecial));
            Run(loaded, options, input, parse.InvocationConfiguration.Output, cancellation);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    /// <summary>The command's work on any reader/writer; bad lines are <see cref="InvalidDataException"/> naming the line.</summary>
    internal static void Run(BpeTokenizer tokenizer, TokenizeOptions options, TextReader input, TextWriter output, CancellationToken cancellation)
    {
        var line = new StringBuilder();
        int number = 0;
        while (input.ReadLine() is { } text)
        {
            cancellation.ThrowIfCancellationRequested();
            number++;
            line.Clear();
            if (options.Decode)
            {
                int[] ids = ParseIds(text, number);
                string decoded;
                try
                {
                    decoded = tokenizer.Decode(ids, options.SkipSpecialTokens);
                }
                catch (ArgumentException e)
                {
                    throw new InvalidDataException($"stdin line {number}: {e.Message.Split(" (Parameter", 2)[0]}", e);
                }

                line.Append(JsonSerializer.Serialize(decoded, s_jsonOptions));
            }
            else
            {
                string source = options.Jsonl ? ParseString(text, number) : text;
                AppendIds(line, tokenizer.Encode(source));
            }

            output.WriteLine(line);
        }

        output.Flush();
    }

    private static void AppendIds(StringBuilder line, int[] ids)
    {
        line.Append('[');
        for (int i = 0; i < ids.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(ids[i]);
        }

        line.Append(']');
    }

    private static string ParseString(string text, int number)
    {
        if (text.Length == 0)
        {
            return "";
        }

        try
        {
            return JsonSerializer.Deserialize<string>(text)
                ?? throw new InvalidDataException($"stdin line {number}: expected a JSON string, got null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"stdin line {number}: expected a JSON string ({e.Message})", e);
        }
    }

    private static int[] ParseIds(string text, int number)
    {
        if (text.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<int[]>(text)
                ?? throw new InvalidDataException($"stdin line {number}: expected a JSON array of token ids, got null");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"stdin line {number}: expected a JSON array of token ids ({e.Message})", e);
        }
    }
}

/// <summary>How <c>vrs models tokenize</c> reads and writes its lines.</summary>
internal sealed record TokenizeOptions(bool Jsonl, bool Decode, bool SkipSpecialTokens);
