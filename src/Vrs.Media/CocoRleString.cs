using System.Text;

namespace Vrs.Media;

/// <summary>
/// The compressed text form of COCO RLE counts (cocoapi <c>maskApi.c</c>, <c>rleToString</c>/<c>rleFrString</c>):
/// each count is written in 5-bit groups, least significant first, as the character <c>48 + group</c>; bit 0x20 says
/// another group follows and bit 0x10 of the last group is the sign. From the fourth count on, the value stored is the
/// difference to the count two places earlier (runs of the same colour tend to have similar lengths).
/// </summary>
internal static class CocoRleString
{
    private const int FirstChar = 48;
    private const int LastChar = FirstChar + 63;

    // A count needs at most 7 groups (35 bits covers a signed difference of two uint32 values).
    private const int MaxGroups = 7;

    /// <summary>Parses the counts of <paramref name="text"/> into <paramref name="counts"/> (at least <c>text.Length</c> long); returns how many.</summary>
    public static int Parse(ReadOnlySpan<char> text, Span<uint> counts)
    {
        int m = 0;
        int p = 0;
        while (p < text.Length)
        {
            long x = 0;
            int k = 0;
            bool more = true;
            while (more)
            {
                if (p == text.Length)
                {
                    throw new InvalidDataException($"RLE counts string ends inside count {m} (its last character {Quote(text[p - 1])} has the continuation bit 0x20)");
                }

                char ch = text[p];
                if (ch is < (char)FirstChar or > (char)LastChar)
                {
                    throw new InvalidDataException($"RLE counts string has an invalid character {Quote(ch)} at position {p} (valid: '0'..'o')");
                }

                if (k == MaxGroups)
                {
                    throw new InvalidDataException($"RLE counts string has a count longer than {MaxGroups} characters at position {p}");
                }

                int c = ch - FirstChar;
                x |= (long)(c & 0x1F) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0)
                {
                    x |= -1L << (5 * k);
                }
            }

            if (m > 2)
            {
                x += counts[m - 2];
            }

            if (x is < 0 or > uint.MaxValue)
            {
                throw new InvalidDataException($"RLE counts string gives count {m} the invalid value {x} (ending at position {p - 1})");
            }

            counts[m++] = (uint)x;
        }

        return m;
    }

    public static string Format(ReadOnlySpan<uint> counts)
    {
        var text = new StringBuilder(counts.Length * 2);
        for (int i = 0; i < counts.Length; i++)
        {
            long x = counts[i];
            if (i > 2)
            {
                x -= counts[i - 2];
            }

            bool more = true;
            while (more)
            {
                int c = (int)(x & 0x1F);
                x >>= 5;

                // Stop once the remaining bits are pure sign extension of the group's bit 0x10.
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more)
                {
                    c |= 0x20;
                }

                text.Append((char)(c + FirstChar));
            }
        }

        return text.ToString();
    }

    private static string Quote(char c) => c is >= ' ' and < (char)0x7F ? $"'{c}'" : $"U+{(int)c:X4}";
}
