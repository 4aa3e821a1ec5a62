using System.Text;

namespace Vrs.Grounding.Tokenization;

/// <summary>
/// A byte-level BPE tokenizer (GPT-2 / Qwen2 family) read from a Hugging Face <c>tokenizer.json</c>, giving the
/// same ids as HF <c>tokenizers</c>: added tokens are split out first, the rest is NFC-normalised,
/// pre-tokenized by the file's Split regex, spelled as bytes and merged by rank. Thread-safe once loaded.
/// </summary>
public sealed class BpeTokenizer
{
    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<int, string> _idToToken;
    private readonly Dictionary<int, AddedToken> _addedById;
    private readonly Dictionary<string, AddedToken> _addedByContent;
    private readonly BpeModel _model;
    private readonly AddedTokenMatcher _rawAdded;
    private readonly AddedTokenMatcher _normalizedAdded;
    private readonly RegexSplitter[] _splitters;
    private readonly bool _nfc;

    private BpeTokenizer(TokenizerDefinition definition, string source)
    {
        Source = source;
        _vocabulary = definition.Vocabulary;
        _nfc = definition.Nfc;
        _idToToken = new Dictionary<int, string>(_vocabulary.Count);
        foreach ((string token, int id) in _vocabulary)
        {
            _idToToken[id] = token;
        }

        int[] byteIds = new int[256];
        for (int b = 0; b < 256; b++)
        {
            string symbol = ByteLevelAlphabet.ToChar((byte)b).ToString();
            byteIds[b] = _vocabulary.TryGetValue(symbol, out int id)
                ? id
                : throw new InvalidDataException($"{source}: the vocabulary lacks the byte-level symbol \"{symbol}\" for byte 0x{b:X2}");
        }

        var merges = new Dictionary<long, MergeTarget>(definition.Merges.Count, PairKeyComparer.Instance);
        for (int rank = 0; rank < definition.Merges.Count; rank++)
        {
            (string left, string right) = definition.Merges[rank];
            int leftId = Lookup(left, rank, source);
            int rightId = Lookup(right, rank, source);
            int mergedId = Lookup(left + right, rank, source);
            merges[BpeModel.PairKey(leftId, rightId)] = new MergeTarget(rank, mergedId);
        }

        _model = new BpeModel(_vocabulary, merges, byteIds, definition.IgnoreMerges);
        AddedTokens = definition.AddedTokens;
        _addedById = AddedTokens.ToDictionary(t => t.Id);
        _addedByContent = new Dictionary<string, AddedToken>(StringComparer.Ordinal);
        foreach (AddedToken token in AddedTokens)
        {
            _addedByContent[token.Content] = token;
        }

        _rawAdded = new AddedTokenMatcher(AddedTokens.Where(t => !t.Normalized), c => c);
        _normalizedAdded = new AddedTokenMatcher(AddedTokens.Where(t => t.Normalized), Normalize);
        _splitters = [.. definition.SplitPatterns.Select(p => new RegexSplitter(p))];
        VocabularySize = Math.Max(_idToToken.Keys.DefaultIfEmpty(-1).Max(), _addedById.Keys.DefaultIfEmpty(-1).Max()) + 1;
    }

    /// <summary>The file this tokenizer was read from.</summary>
    public string Source { get; }

    /// <summary>One more than the largest id of any token (regular or added).</summary>
    public int VocabularySize { get; }

    /// <summary>The file's <c>added_tokens</c>, special and not, in file order.</summary>
    public IReadOnlyList<AddedToken> AddedTokens { get; }

    /// <summary>Reads a <c>tokenizer.json</c>; <see cref="InvalidDataException"/> naming the file when it is malformed or not byte-level BPE.</summary>
    public static BpeTokenizer Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new BpeTokenizer(TokenizerJsonReader.Read(path), path);
    }

    /// <summary>The ids of <paramref name="text"/>; added tokens written in the text (e.g. <c>&lt;|im_start|&gt;</c>) become their ids.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3);
        var segments = new List<(int Start, int Length, int Id)>();
        var inner = new List<(int Start, int Length, int Id)>();
        var pieces = new List<(int Start, int Length)>();
        var next = new List<(int Start, int Length)>();
        _rawAdded.Split(text, segments);
        foreach ((int start, int length, int id) in segments)
        {
            if (id >= 0)
            {
                ids.Add(id);
                continue;
            }

            string normalized = Normalize(text.Substring(start, length));
            inner.Clear();
            if (_normalizedAdded.IsEmpty)
            {
                inner.Add((0, normalized.Length, -1));
            }
            else
            {
                _normalizedAdded.Split(normalized, inner);
            }

            foreach ((int innerStart, int innerLength, int innerId) in inner)
            {
                if (innerId >= 0)
                {
                    ids.Add(innerId);
                    continue;
                }

                PreTokenize(normalized.AsSpan(innerStart, innerLength), pieces, next);
                foreach ((int pieceStart, int pieceLength) in pieces)
                {
                    _model.EncodeWord(normalized.AsSpan(innerStart + pieceStart, pieceLength), ids);
                }
            }
        }

        return [.. ids];
    }

    /// <summary>
    /// The text of <paramref name="ids"/>. Byte sequences that are not valid UTF-8 (a token boundary inside a
    /// character) become U+FFFD, as in the reference. An id that is neither in the vocabulary nor an added token is
    /// an <see cref="ArgumentException"/>.
    /// </summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecialTokens = false)
    {
        var bytes = new List<byte>(ids.Length * 4);
        foreach (int id in ids)
        {
            string token;
            if (_addedById.TryGetValue(id, out AddedToken? added))
            {
                if (skipSpecialTokens && added.Special)
                {
                    continue;
                }

                token = added.Content;
            }
            else if (!_idToToken.TryGetValue(id, out token!))
            {
                throw new ArgumentException($"token id {id} is in neither the vocabulary nor the added tokens of {Source}", nameof(ids));
            }

            AppendTokenBytes(token, bytes);
        }

        return Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes));
    }

    /// <summary>The id of a token string (added tokens first, then the vocabulary), or null.</summary>
    public int? TokenToId(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (_addedByContent.TryGetValue(token, out AddedToken? added))
        {
            return added.Id;
        }

        return _vocabulary.TryGetValue(token, out int id) ? id : null;
    }

    /// <summary>The token string of an id in its stored (byte-level) spelling, e.g. "Ġthe", or null.</summary>
    public string? IdToToken(int id) =>
        _addedById.TryGetValue(id, out AddedToken? added) ? added.Content : _idToToken.GetValueOrDefault(id);

    /// <summary>The id of an added token such as <c>&lt;|vision_start|&gt;</c>; <see cref="InvalidDataException"/> naming the file when absent.</summary>
    public int AddedTokenId(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return _addedByContent.TryGetValue(content, out AddedToken? token)
            ? token.Id
            : throw new InvalidDataException($"{Source}: has no added token \"{content}\"");
    }

    /// <summary>Whether <paramref name="id"/> is an added token marked special.</summary>
    public bool IsSpecial(int id) => _addedById.TryGetValue(id, out AddedToken? token) && token.Special;

    private string Normalize(string text) => _nfc ? NfcNormalizer.Normalize(text) : text;

    private void PreTokenize(ReadOnlySpan<char> text, List<(int Start, int Length)> pieces, List<(int Start, int Length)> scratch)
    {
        pieces.Clear();
        pieces.Add((0, text.Length));
        foreach (RegexSplitter splitter in _splitters)
        {
            scratch.Clear();
            foreach ((int start, int length) in pieces)
            {
                int first = scratch.Count;
                splitter.Split(text.Slice(start, length), scratch);
                for (int k = first; k < scratch.Count; k++)
                {
                    scratch[k] = (scratch[k].Start + start, scratch[k].Length);
                }
            }

            pieces.Clear();
            pieces.AddRange(scratch);
        }
    }

    /// <summary>HF ByteLevel decoder: a token whose every char is a byte-level symbol gives those bytes, else its UTF-8.</summary>
    private static void AppendTokenBytes(string token, List<byte> bytes)
    {
        int mark = bytes.Count;
        foreach (char c in token)
        {
            if (!ByteLevelAlphabet.TryGetByte(c, out byte b))
            {
                bytes.RemoveRange(mark, bytes.Count - mark);
                bytes.AddRange(Encoding.UTF8.GetBytes(token));
                return;
            }

            bytes.Add(b);
        }
    }

    private int Lookup(string symbol, int rank, string source) =>
        _vocabulary.TryGetValue(symbol, out int id)
            ? id
            : throw new InvalidDataException($"{source}: merge #{rank} uses \"{symbol}\", which is not in the vocabulary");
}
