namespace Vrs.Grounding.Tokenization;

/// <summary>
/// GPT-2's <c>bytes_to_unicode</c>: each byte 0–255 stands for one printable character, so a byte-level BPE
/// vocabulary is written in ordinary strings (space is "Ġ" U+0120, newline "Ċ" U+010A).
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] s_byteToChar = BuildByteToChar();
    private static readonly Dictionary<char, byte> s_charToByte = BuildCharToByte();

    public static char ToChar(byte value) => s_byteToChar[value];

    public static bool TryGetByte(char symbol, out byte value) => s_charToByte.TryGetValue(symbol, out value);

    /// <summary>The byte-level spelling of some UTF-8 bytes (one character per byte).</summary>
    public static string Spell(ReadOnlySpan<byte> bytes)
    {
        return string.Create(bytes.Length, bytes.ToArray(), static (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = s_byteToChar[source[i]];
            }
        });
    }

    private static char[] BuildByteToChar()
    {
        // Printable Latin-1 bytes keep their own code point; the other 68 bytes take 256, 257, … in order.
        var map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
        {
            bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char)b : (char)next++;
        }

        return map;
    }

    private static Dictionary<char, byte> BuildCharToByte()
    {
        var map = new Dictionary<char, byte>(256);
        for (int b = 0; b < 256; b++)
        {
            map[s_byteToChar[b]] = (byte)b;
        }

        return map;
    }
}
