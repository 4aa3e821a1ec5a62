using System.Collections.Concurrent;
using System.Text;

namespace Vrs.Grounding.Tokenization;

/// <summary>
/// The BPE model of a byte-level tokenizer: a word's UTF-8 bytes start as one symbol each and the adjacent pair
/// with the lowest merge rank is merged (leftmost first on ties) until no ranked pair is left, as in HF
/// <c>tokenizers</c>' <c>Word::merge_all</c>. Words are cached; the cache is thread-safe.
/// </summary>
internal sealed class BpeModel
{
    private const int CacheCapacity = 100_000;
    private const int CachedWordMaxLength = 256;
    private const int ScanMergeMaxSymbols = 48;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<long, MergeTarget> _merges;
    private readonly int[] _byteIds;
    private readonly bool _ignoreMerges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;

    public BpeModel(Dictionary<string, int> vocabulary, Dictionary<long, MergeTarget> merges, int[] byteIds, bool ignoreMerges)
    {
        _vocabulary = vocabulary;
        _merges = merges;
        _byteIds = byteIds;
        _ignoreMerges = ignoreMerges;
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>Appends the ids of one pre-tokenised word.</summary>
    public void EncodeWord(ReadOnlySpan<char> word, List<int> output)
    {
        if (_cacheLookup.TryGetValue(word, out int[]? cached))
        {
            output.AddRange(cached);
            return;
        }

        int[] ids = EncodeUncached(word);
        if (word.Length <= CachedWordMaxLength && _cache.Count < CacheCapacity)
        {
            _cacheLookup.TryAdd(word, ids);
        }

        output.AddRange(ids);
    }

    private int[] EncodeUncached(ReadOnlySpan<char> word)
    {
        int byteCount = Encoding.UTF8.GetByteCount(word);
        byte[] bytes = new byte[byteCount];
        Encoding.UTF8.GetBytes(word, bytes);
        if (_ignoreMerges && _vocabulary.TryGetValue(ByteLevelAlphabet.Spell(bytes), out int whole))
        {
            return [whole];
        }

        int[] symbols = new int[byteCount];
        for (int i = 0; i < byteCount; i++)
        {
            symbols[i] = _byteIds[bytes[i]];
        }

        return byteCount <= ScanMergeMaxSymbols ? MergeByScan(symbols) : MergeByQueue(symbols);
    }

    /// <summary>Short words: rescan for the best pair after each merge (no allocation beyond the result).</summary>
    private int[] MergeByScan(int[] symbols)
    {
        int count = symbols.Length;
        while (count > 1)
        {
            int bestRank = int.MaxValue;
            int bestIndex = -1;
            int bestId = 0;
            for (int i = 0; i + 1 < count; i++)
            {
                if (_merges.TryGetValue(PairKey(symbols[i], symbols[i + 1]), out MergeTarget target) && target.Rank < bestRank)
                {
                    bestRank = target.Rank;
                    bestIndex = i;
                    bestId = target.Id;
                }
            }

            if (bestIndex < 0)
            {
                break;
            }

            symbols[bestIndex] = bestId;
            Array.Copy(symbols, bestIndex + 2, symbols, bestIndex + 1, count - bestIndex - 2);
            count--;
        }

        return count == symbols.Length ? symbols : symbols[..count];
    }

    /// <summary>Long words: a linked list of symbols and a priority queue of candidate merges (rank, position).</summary>
    private int[] MergeByQueue(int[] symbols)
    {
        int n = symbols.Length;
        int[] next = new int[n];
        int[] previous = new int[n];
        bool[] removed = new bool[n];
        var queue = new PriorityQueue<(int Position, int Id), long>();
        for (int i = 0; i < n; i++)
        {
            next[i] = i + 1 < n ? i + 1 : -1;
            previous[i] = i - 1;
        }

        for (int i = 0; i + 1 < n; i++)
        {
            Enqueue(queue, symbols, i, i + 1);
        }

        int count = n;
        while (queue.TryDequeue(out (int Position, int Id) merge, out _))
        {
            int left = merge.Position;
            int right = next[left];
            if (removed[left] || right < 0
                || !_merges.TryGetValue(PairKey(symbols[left], symbols[right]), out MergeTarget target) || target.Id != merge.Id)
            {
                continue;
            }

            symbols[left] = merge.Id;
            removed[right] = true;
            next[left] = next[right];
            if (next[right] >= 0)
            {
                previous[next[right]] = left;
            }

            count--;
            if (previous[left] >= 0)
            {
                Enqueue(queue, symbols, previous[left], left);
            }

            if (next[left] >= 0)
            {
                Enqueue(queue, symbols, left, next[left]);
            }
        }

        int[] result = new int[count];
        int k = 0;
        for (int i = 0; i >= 0; i = next[i])
        {
            result[k++] = symbols[i];
        }

        return result;
    }

    private void Enqueue(PriorityQueue<(int Position, int Id), long> queue, int[] symbols, int left, int right)
    {
        if (_merges.TryGetValue(PairKey(symbols[left], symbols[right]), out MergeTarget target))
        {
            queue.Enqueue((left, target.Id), ((long)target.Rank << 32) | (uint)left);
        }
    }
}

/// <summary>What a merge of two adjacent symbols produces, and its priority (lower merges first).</summary>
internal readonly record struct MergeTarget(int Rank, int Id);
