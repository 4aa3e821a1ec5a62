using System.Text.Json;
using System.Text.Json.Nodes;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.Tokenization;

/// <summary>Writes small hand-made byte-level BPE tokenizer.json files whose ids a reader can work out by hand.</summary>
internal sealed class TinyTokenizerJson : IDisposable
{
    public const string Qwen2Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "vrs-tok-" + Guid.NewGuid().ToString("N"));

    public TinyTokenizerJson() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Ids 0–255 are the byte-level symbols in byte order (so "a" is 97, space "Ġ" is 32); each merge adds the next id
    /// from 256 on. Merges are written as "a b" strings, or as [a, b] pairs when <paramref name="pairForm"/> is set.
    /// </summary>
    public string Write(string[] merges, bool pairForm = false, JsonArray? addedTokens = null, bool nfc = true, string? name = null)
    {
        var vocab = new JsonObject();
        for (int b = 0; b < 256; b++)
        {
            vocab[ByteLevelAlphabet.ToChar((byte)b).ToString()] = b;
        }

        var mergeArray = new JsonArray();
        int next = 256;
        foreach (string merge in merges)
        {
            string[] parts = merge.Split(' ');
            vocab[parts[0] + parts[1]] = next++;
            mergeArray.Add(pairForm ? new JsonArray(parts[0], parts[1]) : merge);
        }

        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = addedTokens ?? [],
            ["normalizer"] = nfc ? new JsonObject { ["type"] = "NFC" } : null,
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = Qwen2Pattern }, ["behavior"] = "Isolated", ["invert"] = false },
                    new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false }),
            },
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject { ["type"] = "BPE", ["vocab"] = vocab, ["merges"] = mergeArray },
        };
        return WriteText(root.ToJsonString(), name);
    }

    public string WriteText(string text, string? name = null)
    {
        string path = Path.Combine(_directory, name ?? Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, text);
        return path;
    }

    public static JsonObject Added(int id, string content, bool special = true, bool lstrip = false, bool rstrip = false, bool singleWord = false, bool normalized = false) => new()
    {
        ["id"] = id,
        ["content"] = content,
        ["single_word"] = singleWord,
        ["lstrip"] = lstrip,
        ["rstrip"] = rstrip,
        ["normalized"] = normalized,
        ["special"] = special,
    };

    public static JsonNode Parse(string json) => JsonNode.Parse(json) ?? throw new JsonException("null");
}
