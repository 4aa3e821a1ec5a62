using System.Numerics;
using System.Runtime.CompilerServices;

namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// The boundary pixels of one frame as a row-major bitset (bit x of row y at word <c>y·Stride + x/64</c>, one spare
/// word per row so a 32-bit chunk can straddle a word edge). Reused across frames; grows only when a frame is
/// larger than any before.
/// </summary>
internal sealed class BoundaryBits
{
    private ulong[] _words = [];

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Words per row.</summary>
    public int Stride { get; private set; }

    /// <summary>Number of boundary pixels.</summary>
    public long Count { get; private set; }

    public ReadOnlySpan<ulong> Row(int y) => _words.AsSpan(y * Stride, Stride);

    /// <summary>Empties the set for a frame of this size.</summary>
    public void Reset(int width, int height)
    {
        Stride = (width >> 6) + 2;
        int words = checked(Stride * height);
        if (_words.Length < words)
        {
            _words = new ulong[words];
        }
        else
        {
            _words.AsSpan(0, words).Clear();
        }

        Width = width;
        Height = height;
        Count = 0;
    }

    /// <summary>Sets bits x0 + i of row y for every set bit i of <paramref name="bits"/>.</summary>
    public void Or(int y, int x0, uint bits)
    {
        int word = (y * Stride) + (x0 >> 6);
        int shift = x0 & 63;
        _words[word] |= (ulong)bits << shift;
        if (shift > 32)
        {
            _words[word + 1] |= (ulong)bits >> (64 - shift);
        }

        Count += BitOperations.PopCount(bits);
    }

    public void Set(int y, int x)
    {
        _words[(y * Stride) + (x >> 6)] |= 1UL << (x & 63);
        Count++;
    }

    /// <summary>Whether row y has a set bit in columns lo ..= hi (0 ≤ lo ≤ hi &lt; Width).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool AnyInRange(int y, int lo, int hi)
    {
        ulong[] words = _words;
        int first = (y * Stride) + (lo >> 6);
        int last = (y * Stride) + (hi >> 6);

        // C# masks shift counts to 0..63, so these keep bits lo % 64 .. 63 and 0 .. hi % 64.
        ulong lowMask = ulong.MaxValue << lo;
        ulong highMask = ulong.MaxValue >> (63 - (hi & 63));
        if (first == last)
        {
            return (words[first] & lowMask & highMask) != 0;
        }

        return AnyInWords(words, first, last, lowMask, highMask);
    }

    private static bool AnyInWords(ulong[] words, int first, int last, ulong lowMask, ulong highMask)
    {
        if ((words[first] & lowMask) != 0 || (words[last] & highMask) != 0)
        {
            return true;
        }

        for (int w = first + 1; w < last; w++)
        {
            if (words[w] != 0)
            {
                return true;
            }
        }

        return false;
    }
}
