using System.Text.Json;

namespace Vrs.Grounding.Tokenization;

/// <summary>
/// Reads a Hugging Face <c>tokenizer.json</c> and checks that it is a byte-level BPE tokenizer this library can run
/// exactly: model BPE, an optional NFC normalizer, Split(Isolated) and ByteLevel pre-tokenizers, a ByteLevel
/// decoder. Anything else is an <see cref="InvalidDataException"/> naming the file and what it found.
/// </summary>
internal static class TokenizerJsonReader
{
    /// <summary>GPT-2's pattern, used by a ByteLevel pre-tokenizer with <c>use_regex: true</c>.</summary>
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static TokenizerDefinition Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            try
            {
                return Read(document.RootElement, path);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{path}: not a tokenizer.json this tool understands ({e.Message})", e);
            }
        }
    }

    private static TokenizerDefinition Read(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("model", out JsonElement model) || model.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: has no \"model\" object; is it a Hugging Face tokenizer.json?");
        }

        string modelType = model.TryGetProperty("type", out JsonElement type) ? type.GetString() ?? "null" : "BPE";
        if (modelType != "BPE")
        {
            throw new InvalidDataException($"{path}: model type is \"{modelType}\"; only byte-level BPE tokenizers are supported");
        }

        RequireEmptyOrNull(model, "continuing_subword_prefix", path);
        RequireEmptyOrNull(model, "end_of_word_suffix", path);
        if (model.TryGetProperty("byte_fallback", out JsonElement byteFallback) && byteFallback.ValueKind == JsonValueKind.True)
        {
            throw new InvalidDataException($"{path}: BPE with byte_fallback (SentencePiece style) is not supported; only byte-level BPE");
        }

        if (model.TryGetProperty("dropout", out JsonElement dropout) && dropout.ValueKind == JsonValueKind.Number && dropout.GetDouble() > 0)
        {
            throw new InvalidDataException($"{path}: BPE dropout {dropout.GetDouble()} makes encoding random; not supported");
        }

        Dictionary<string, int> vocabulary = ReadVocabulary(model, path);
        List<(string Left, string Right)> merges = ReadMerges(model, path);
        bool ignoreMerges = model.TryGetProperty("ignore_merges", out JsonElement ignore) && ignore.ValueKind == JsonValueKind.True;
        List<AddedToken> added = ReadAddedTokens(root, path);
        bool nfc = ReadNormalizer(root, path);
        List<string> patterns = ReadPreTokenizer(root, path);
        if (!root.TryGetProperty("decoder", out JsonElement decoder) || !IsByteLevel(decoder))
        {
            throw new InvalidDataException($"{path}: decoder is {Describe(decoder)}; a byte-level BPE tokenizer needs a ByteLevel decoder");
        }

        return new TokenizerDefinition(vocabulary, merges, ignoreMerges, added, nfc, patterns);
    }

    private static Dictionary<string, int> ReadVocabulary(JsonElement model, string path)
    {
        if (!model.TryGetProperty("vocab", out JsonElement vocab) || vocab.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: model has no \"vocab\" object");
        }

        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (JsonProperty entry in vocab.EnumerateObject())
        {
            vocabulary[entry.Name] = entry.Value.GetInt32();
        }

        return vocabulary;
    }

    private static List<(string Left, string Right)> ReadMerges(JsonElement model, string path)
    {
        if (!model.TryGetProperty("merges", out JsonElement merges) || merges.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: model has no \"merges\" array");
        }

        var list = new List<(string, string)>(merges.GetArrayLength());
        int rank = 0;
        foreach (JsonElement merge in merges.EnumerateArray())
        {
            // Older files write "a b"; newer ones write ["a", "b"] (so a symbol may itself contain a space).
            if (merge.ValueKind == JsonValueKind.String)
            {
                string[] parts = merge.GetString()!.Split(' ');
                if (parts.Length != 2)
                {
                    throw new InvalidDataException($"{path}: merge #{rank} \"{merge.GetString()}\" is not two symbols separated by one space");
                }

                list.Add((parts[0], parts[1]));
            }
            else if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2
                && merge[0].ValueKind == JsonValueKind.String && merge[1].ValueKind == JsonValueKind.String)
            {
                list.Add((merge[0].GetString()!, merge[1].GetString()!));
            }
            else
            {
                throw new InvalidDataException($"{path}: merge #{rank} is {merge.GetRawText()}; expected \"a b\" or [\"a\", \"b\"]");
            }

            rank++;
        }

        return list;
    }

    private static List<AddedToken> ReadAddedTokens(JsonElement root, string path)
    {
        var tokens = new List<AddedToken>();
        if (!root.TryGetProperty("added_tokens", out JsonElement added) || added.ValueKind == JsonValueKind.Null)
        {
            return tokens;
        }

        foreach (JsonElement token in added.EnumerateArray())
        {
            string content = token.GetProperty("content").GetString()
                ?? throw new InvalidDataException($"{path}: an added token has a null content");
            tokens.Add(new AddedToken(
                token.GetProperty("id").GetInt32(),
                content,
                Flag(token, "special", false),
                Flag(token, "single_word", false),
                Flag(token, "lstrip", false),
                Flag(token, "rstrip", false),
                Flag(token, "normalized", !Flag(token, "special", false))));
        }

        return tokens;
    }

    private static bool ReadNormalizer(JsonElement root, string path)
    {
        if (!root.TryGetProperty("normalizer", out JsonElement normalizer) || normalizer.ValueKind == JsonValueKind.Null)
        {
            return false;
        }

        string kind = TypeOf(normalizer);
        if (kind == "NFC")
        {
            return true;
        }

        if (kind == "Sequence" && normalizer.GetProperty("normalizers").EnumerateArray().All(n => TypeOf(n) == "NFC"))
        {
            return normalizer.GetProperty("normalizers").GetArrayLength() > 0;
        }

        throw new InvalidDataException($"{path}: normalizer {Describe(normalizer)} is not supported (only NFC)");
    }

    private static List<string> ReadPreTokenizer(JsonElement root, string path)
    {
        if (!root.TryGetProperty("pre_tokenizer", out JsonElement pre) || pre.ValueKind == JsonValueKind.Null)
        {
            throw new InvalidDataException($"{path}: has no pre_tokenizer; a byte-level BPE tokenizer needs a ByteLevel pre-tokenizer");
        }

        IEnumerable<JsonElement> steps = TypeOf(pre) == "Sequence" ? pre.GetProperty("pretokenizers").EnumerateArray() : [pre];
        var patterns = new List<string>();
        bool byteLevel = false;
        foreach (JsonElement step in steps)
        {
            switch (TypeOf(step))
            {
                case "Split":
                    patterns.Add(ReadSplit(step, path));
                    break;
                case "ByteLevel":
                    if (byteLevel)
                    {
                        throw new InvalidDataException($"{path}: pre_tokenizer has two ByteLevel steps");
                    }

                    byteLevel = true;
                    if (Flag(step, "add_prefix_space", false))
                    {
                        throw new InvalidDataException($"{path}: ByteLevel pre-tokenizer with add_prefix_space=true is not supported");
                    }

                    if (Flag(step, "use_regex", true))
                    {
                        patterns.Add(Gpt2Pattern);
                    }

                    break;
                default:
                    throw new InvalidDataException($"{path}: pre-tokenizer {Describe(step)} is not supported (only Split and ByteLevel)");
            }
        }

        if (!byteLevel)
        {
            throw new InvalidDataException($"{path}: pre_tokenizer is {Describe(pre)} with no ByteLevel step; only byte-level BPE is supported");
        }

        return patterns;
    }

    private static string ReadSplit(JsonElement split, string path)
    {
        string behavior = split.TryGetProperty("behavior", out JsonElement b) ? b.GetString() ?? "" : "";
        if (behavior != "Isolated" || Flag(split, "invert", false))
        {
            throw new InvalidDataException($"{path}: Split pre-tokenizer with behavior \"{behavior}\" (invert {Flag(split, "invert", false)}) is not supported; only Isolated");
        }

        JsonElement pattern = split.GetProperty("pattern");
        if (pattern.TryGetProperty("Regex", out JsonElement regex))
        {
            return regex.GetString() ?? throw new InvalidDataException($"{path}: Split pattern is null");
        }

        if (pattern.TryGetProperty("String", out JsonElement literal))
        {
            return System.Text.RegularExpressions.Regex.Escape(literal.GetString() ?? "");
        }

        throw new InvalidDataException($"{path}: Split pattern {pattern.GetRawText()} has neither Regex nor String");
    }

    private static void RequireEmptyOrNull(JsonElement model, string name, string path)
    {
        if (model.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0)
        {
            throw new InvalidDataException($"{path}: BPE {name} \"{value.GetString()}\" is not supported by byte-level BPE");
        }
    }

    private static bool IsByteLevel(JsonElement element) =>
        TypeOf(element) == "ByteLevel"
        || (TypeOf(element) == "Sequence" && element.TryGetProperty("decoders", out JsonElement list)
            && list.GetArrayLength() == 1 && TypeOf(list[0]) == "ByteLevel");

    private static string TypeOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("type", out JsonElement type) ? type.GetString() ?? "null" : "none";

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object ? $"\"{TypeOf(element)}\"" : element.ValueKind == JsonValueKind.Undefined ? "missing" : element.GetRawText();

    private static bool Flag(JsonElement element, string name, bool fallback) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : fallback;
}

/// <summary>The parts of a byte-level BPE <c>tokenizer.json</c>, checked but not yet indexed.</summary>
internal sealed record TokenizerDefinition(
    Dictionary<string, int> Vocabulary,
    List<(string Left, string Right)> Merges,
    bool IgnoreMerges,
    List<AddedToken> AddedTokens,
    bool Nfc,
    List<string> SplitPatterns);
