using System.Text.Json;
using System.Text.Json.Nodes;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// The stand-in's own <c>tokenizer.json</c>: a real Hugging Face byte-level BPE file with Qwen2's structure (NFC,
/// Split on the Qwen2 regex, ByteLevel, BPE, ByteLevel decoder) and the Qwen control tokens, but a vocabulary of the
/// 256 byte symbols (id = byte) plus just enough merges that every word of <see cref="StandInVocabulary"/> is one token.
/// </summary>
internal sealed class StandInTokenizer
{
    /// <summary>Qwen2's PRETOKENIZE_REGEX (lvlm-grounding.md §6.5); digits split one at a time.</summary>
    public const string Qwen2Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    private readonly Dictionary<string, int> _vocabulary;
    private readonly List<(string Left, string Right)> _merges;
    private readonly Dictionary<string, int> _special;

    private StandInTokenizer(Dictionary<string, int> vocabulary, List<(string Left, string Right)> merges)
    {
        _vocabulary = vocabulary;
        _merges = merges;
        _special = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string token in StandInVocabulary.SpecialTokens)
        {
            _special[token] = vocabulary.Count + _special.Count;
        }
    }

    /// <summary>Vocabulary plus added tokens: the manifest's vocab_size and the rows of the embedding table.</summary>
    public int Size => _vocabulary.Count + _special.Count;

    public static StandInTokenizer Create()
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int b = 0; b < 256; b++)
        {
            vocabulary[ByteLevelAlphabet.ToChar((byte)b).ToString()] = b;
        }

        var merges = new List<(string Left, string Right)>();
        var ranks = new Dictionary<(string, string), int>();
        foreach (string word in StandInVocabulary.AllWords())
        {
            // Merging the first two symbols BPE leaves makes progress each round, and a merge added last (lowest
            // priority) never changes a word that already ends as one token: BPE only reaches it when nothing else applies.
            for (List<string> symbols = Merge(StandInVocabulary.Spell(word), ranks); symbols.Count > 1; symbols = Merge(StandInVocabulary.Spell(word), ranks))
            {
                ranks[(symbols[0], symbols[1])] = merges.Count;
                merges.Add((symbols[0], symbols[1]));
                vocabulary.TryAdd(symbols[0] + symbols[1], vocabulary.Count);
            }
        }

        return new StandInTokenizer(vocabulary, merges);
    }

    /// <summary>The id of a token string in byte-level spelling ("Ġred") or of a control token.</summary>
    public int Id(string token) =>
        _special.TryGetValue(token, out int id) || _vocabulary.TryGetValue(token, out id)
            ? id
            : throw new ArgumentException($"the stand-in tokenizer has no token \"{token}\"", nameof(token));

    /// <summary>The id of a word of <see cref="StandInVocabulary"/> (" red" → id of "Ġred").</summary>
    public int WordId(string word) => Id(StandInVocabulary.Spell(word));

    public byte[] ToJson()
    {
        var vocab = new JsonObject();
        foreach ((string token, int id) in _vocabulary.OrderBy(p => p.Value))
        {
            vocab[token] = id;
        }

        var merges = new JsonArray();
        foreach ((string left, string right) in _merges)
        {
            merges.Add($"{left} {right}"); // byte-level symbols never contain a space (it is "Ġ")
        }

        var added = new JsonArray();
        foreach ((string content, int id) in _special.OrderBy(p => p.Value))
        {
            added.Add(new JsonObject
            {
                ["id"] = id,
                ["content"] = content,
                ["single_word"] = false,
                ["lstrip"] = false,
                ["rstrip"] = false,
                ["normalized"] = false,
                ["special"] = true,
            });
        }

        var root = new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = new JsonObject { ["type"] = "NFC" },
            ["pre_tokenizer"] = new JsonObject
            {
                ["type"] = "Sequence",
                ["pretokenizers"] = new JsonArray(
                    new JsonObject
                    {
                        ["type"] = "Split",
                        ["pattern"] = new JsonObject { ["Regex"] = Qwen2Pattern },
                        ["behavior"] = "Isolated",
                        ["invert"] = false,
                    },
                    new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false }),
            },
            ["post_processor"] = null,
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = false, ["use_regex"] = false },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["unk_token"] = null,
                ["continuing_subword_prefix"] = "",
                ["end_of_word_suffix"] = "",
                ["fuse_unk"] = false,
                ["byte_fallback"] = false,
                ["ignore_merges"] = false,
                ["vocab"] = vocab,
                ["merges"] = merges,
            },
        };
        return JsonSerializer.SerializeToUtf8Bytes(root, s_json);
    }

    /// <summary>BPE on one pre-token: repeatedly merge the adjacent pair of lowest rank (leftmost on ties), as HF does.</summary>
    private static List<string> Merge(string spelled, Dictionary<(string, string), int> ranks)
    {
        var symbols = spelled.Select(c => c.ToString()).ToList();
        while (symbols.Count > 1)
        {
            int best = -1;
            int bestRank = int.MaxValue;
            for (int i = 0; i + 1 < symbols.Count; i++)
            {
                if (ranks.TryGetValue((symbols[i], symbols[i + 1]), out int rank) && rank < bestRank)
                {
                    best = i;
                    bestRank = rank;
                }
            }

            if (best < 0)
            {
                break;
            }

            symbols[best] += symbols[best + 1];
            symbols.RemoveAt(best + 1);
        }

        return symbols;
    }
}
