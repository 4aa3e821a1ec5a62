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
    private const int ScanMergeMaxSymbols = 128;

    private readonly Dictionary<string, int> _vocabulary;
    private readonly Dictionary<long, MergeTarget> _merges;
    private readonly int[] _byteIds;
    private readonly bool _ignoreMerges;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;
    private int _cacheCount;

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
        // ConcurrentDictionary.Count takes every lock, so the size is tracked here.
        if (word.Length <= CachedWordMaxLength && Volatile.Read(ref _cacheCount) < CacheCapacity && _cacheLookup.TryAdd(word, ids))
        {
            Interlocked.Increment(ref _cacheCount);
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

    /// <summary>Short words: keep each adjacent pair's rank in an array and rescan it for the minimum after each merge.</summary>
    private int[] MergeByScan(int[] symbols)
    {
        int count = symbols.Length;
        Span<int> ranks = stackalloc int[ScanMergeMaxSymbols];
        Span<int> merged = stackalloc int[ScanMergeMaxSymbols];
        for (int i = 0; i + 1 < count; i++)
        {
            Rank(symbols[i], symbols[i + 1], out ranks[i], out merged[i]);
        }

        while (count > 1)
        {
            int best = -1;
            int bestRank = int.MaxValue;
            for (int i = 0; i + 1 < count; i++)
            {
                if (ranks[i] < bestRank)
                {
                    bestRank = ranks[i];
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            symbols[best] = merged[best];
            int tail = count - best - 2;
            Array.Copy(symbols, best + 2, symbols, best + 1, tail);
            ranks.Slice(best + 2, Math.Max(tail - 1, 0)).CopyTo(ranks[(best + 1)..]);
            merged.Slice(best + 2, Math.Max(tail - 1, 0)).CopyTo(merged[(best + 1)..]);
            count--;
            if (best > 0)
            {
                Rank(symbols[best - 1], symbols[best], out ranks[best - 1], out merged[best - 1]);
            }

            if (best + 1 < count)
            {
                Rank(symbols[best], symbols[best + 1], out ranks[best], out merged[best]);
            }
        }

        return count == symbols.Length ? symbols : symbols[..count];
    }

    private void Rank(int left, int right, out int rank, out int merged)
    {
        if (_merges.TryGetValue(PairKey(left, right), out MergeTarget target))
        {
            rank = target.Rank;
            merged = target.Id;
        }
        else
        {
            rank = int.MaxValue;
            merged = 0;
        }
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

/// <summary>
/// Hashes a symbol pair key well: <see cref="long.GetHashCode"/> is high ^ low, under which the pairs of a
/// 150k-entry merge table crowd into few buckets.
/// </summary>
internal sealed class PairKeyComparer : IEqualityComparer<long>
{
    public static PairKeyComparer Instance { get; } = new();

    public bool Equals(long x, long y) => x == y;

    public int GetHashCode(long obj) => (int)((ulong)obj * 0x9E3779B97F4A7C15UL >> 32);
}

/// <summary>What a merge of two adjacent symbols produces, and its priority (lower merges first).</summary>
internal readonly record struct MergeTarget(int Rank, int Id);
