using System.Globalization;
using System.Reflection;
using System.Text;

namespace Vrs.Grounding.Tokenization;

/// <summary>
/// Unicode NFC (canonical decomposition, canonical ordering, canonical composition). The build runs with
/// InvariantGlobalization, under which <see cref="string.Normalize()"/> does nothing, so the tables ship with the
/// library (<c>Data/nfc.txt</c>, written by <c>scripts/dev/gen-nfc-table.py</c>).
/// </summary>
internal static class NfcNormalizer
{
    private const int HangulSBase = 0xAC00;
    private const int HangulLBase = 0x1100;
    private const int HangulVBase = 0x1161;
    private const int HangulTBase = 0x11A7;
    private const int HangulLCount = 19;
    private const int HangulVCount = 21;
    private const int HangulTCount = 28;
    private const int HangulNCount = HangulVCount * HangulTCount;
    private const int HangulSCount = HangulLCount * HangulNCount;

    private static readonly Tables s_tables = Tables.Load();

    /// <summary>Returns <paramref name="text"/> in NFC; the same instance when it already is (the common case).</summary>
    public static string Normalize(string text)
    {
        int first = FirstUnsafeIndex(text);
        if (first < 0)
        {
            return text;
        }

        // Everything before `first` is a safe starter; only the one just before it can combine with what follows.
        int start = first;
        if (start > 0)
        {
            start--;
            if (start > 0 && char.IsLowSurrogate(text[start]) && char.IsHighSurrogate(text[start - 1]))
            {
                start--;
            }
        }

        var codePoints = new List<int>(text.Length - start);
        foreach (Rune rune in text.AsSpan(start).EnumerateRunes())
        {
            Decompose(rune.Value, codePoints);
        }

        ReorderCanonically(codePoints);
        Compose(codePoints);

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, start);
        foreach (int cp in codePoints)
        {
            if (cp < 0x10000)
            {
                builder.Append((char)cp);
            }
            else
            {
                builder.Append(char.ConvertFromUtf32(cp));
            }
        }

        string result = builder.ToString();
        return string.Equals(result, text, StringComparison.Ordinal) ? text : result;
    }

    private static int FirstUnsafeIndex(string text)
    {
        bool[] unsafeBmp = s_tables.UnsafeBmp;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 0x300)
            {
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (s_tables.UnsafeSupplementary.Contains(char.ConvertToUtf32(c, text[i + 1])))
                {
                    return i;
                }

                i++;
                continue;
            }

            if (unsafeBmp[c])
            {
                return i;
            }
        }

        return -1;
    }

    private static void Decompose(int cp, List<int> output)
    {
        int s = cp - HangulSBase;
        if (s >= 0 && s < HangulSCount)
        {
            output.Add(HangulLBase + (s / HangulNCount));
            output.Add(HangulVBase + (s % HangulNCount / HangulTCount));
            int t = s % HangulTCount;
            if (t != 0)
            {
                output.Add(HangulTBase + t);
            }

            return;
        }

        if (s_tables.Decompositions.TryGetValue(cp, out int[]? parts))
        {
            foreach (int part in parts)
            {
                Decompose(part, output);
            }

            return;
        }

        output.Add(cp);
    }

    private static int CombiningClass(int cp) => s_tables.CombiningClasses.TryGetValue(cp, out byte ccc) ? ccc : 0;

    private static void ReorderCanonically(List<int> cps)
    {
        // Stable insertion sort by combining class inside each run of non-starters.
        for (int i = 1; i < cps.Count; i++)
        {
            int ccc = CombiningClass(cps[i]);
            if (ccc == 0)
            {
                continue;
            }

            int j = i;
            int cp = cps[i];
            while (j > 0 && CombiningClass(cps[j - 1]) > ccc)
            {
                cps[j] = cps[j - 1];
                j--;
            }

            cps[j] = cp;
        }
    }

    private static void Compose(List<int> cps)
    {
        if (cps.Count == 0)
        {
            return;
        }

        int starterIndex = CombiningClass(cps[0]) == 0 ? 0 : -1;
        int lastClass = starterIndex == 0 ? 0 : 256;
        int write = 1;
        for (int read = 1; read < cps.Count; read++)
        {
            int cp = cps[read];
            int ccc = CombiningClass(cp);
            if (starterIndex >= 0 && (lastClass < ccc || (lastClass == 0 && write - 1 == starterIndex))
                && TryCompose(cps[starterIndex], cp, out int composite))
            {
                cps[starterIndex] = composite;
                continue;
            }

            if (ccc == 0)
            {
                starterIndex = write;
            }

            lastClass = ccc;
            cps[write++] = cp;
        }

        cps.RemoveRange(write, cps.Count - write);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        int l = first - HangulLBase;
        if (l >= 0 && l < HangulLCount)
        {
            int v = second - HangulVBase;
            if (v >= 0 && v < HangulVCount)
            {
                composite = HangulSBase + (((l * HangulVCount) + v) * HangulTCount);
                return true;
            }
        }

        int s = first - HangulSBase;
        if (s >= 0 && s < HangulSCount && s % HangulTCount == 0)
        {
            int t = second - HangulTBase;
            if (t > 0 && t < HangulTCount)
            {
                composite = first + t;
                return true;
            }
        }

        return s_tables.Compositions.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private sealed class Tables
    {
        public Dictionary<int, byte> CombiningClasses { get; } = [];

        public Dictionary<int, int[]> Decompositions { get; } = [];

        public Dictionary<long, int> Compositions { get; } = [];

        /// <summary>BMP code points that may change under NFC or combine with what precedes them.</summary>
        public bool[] UnsafeBmp { get; } = new bool[0x10000];

        /// <summary>The same for code points above the BMP.</summary>
        public HashSet<int> UnsafeSupplementary { get; } = [];

        public static Tables Load()
        {
            var tables = new Tables();
            using Stream stream = typeof(NfcNormalizer).Assembly.GetManifestResourceStream("Vrs.Grounding.Tokenization.nfc.txt")
                ?? throw new InvalidOperationException("the NFC table resource is missing from Vrs.Grounding");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                string[] fields = line.Split(' ');
                int cp = int.Parse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                switch (fields[0])
                {
                    case "c":
                        tables.CombiningClasses[cp] = byte.Parse(fields[2], CultureInfo.InvariantCulture);
                        tables.MarkUnsafe(cp);
                        break;
                    case "d":
                        tables.Decompositions[cp] = fields.Skip(2)
                            .Select(f => int.Parse(f, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToArray();
                        tables.MarkUnsafe(cp);
                        break;
                    case "p":
                        int second = int.Parse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        int composite = int.Parse(fields[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        tables.Compositions[((long)cp << 21) | (uint)second] = composite;
                        tables.MarkUnsafe(second);
                        break;
                    default:
                        throw new InvalidOperationException($"the NFC table has an unknown line: {line}");
                }
            }

            // Conjoining jamo compose algorithmically with a preceding L jamo or LV syllable.
            for (int c = HangulLBase; c < 0x1200; c++)
            {
                tables.UnsafeBmp[c] = true;
            }

            return tables;
        }

        private void MarkUnsafe(int cp)
        {
            if (cp < 0x10000)
            {
                UnsafeBmp[cp] = true;
            }
            else
            {
                UnsafeSupplementary.Add(cp);
            }
        }
    }
}
