using System.Text;

namespace Vrs.Grounding.Tokenization;

/// <summary>
/// Adjusts an Oniguruma pattern (as HF <c>tokenizers</c> compiles it) for .NET's <c>Regex</c>. The one difference
/// the tokenizer patterns meet: inside <c>(?i:…)</c> Oniguruma folds by Unicode simple case folding, so
/// <c>s</c> also matches U+017F ſ and <c>k</c> matches U+212A (Kelvin sign), which .NET's ignore-case does not;
/// those two letters become explicit classes. Checked against Oniguruma 6.9.8 (PreTokenizerOnigTests).
/// </summary>
internal static class OnigurumaPattern
{
    public static string ToDotNet(string pattern)
    {
        var output = new StringBuilder(pattern.Length + 16);
        var caseInsensitive = new Stack<bool>();
        bool ignoreCase = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '\\' when i + 1 < pattern.Length:
                    output.Append(c).Append(pattern[++i]);
                    break;
                case '[':
                    i = CopyClass(pattern, i, output);
                    break;
                case '(':
                    caseInsensitive.Push(ignoreCase);
                    if (string.CompareOrdinal(pattern, i, "(?i:", 0, 4) == 0)
                    {
                        ignoreCase = true;
                    }

                    output.Append(c);
                    break;
                case ')':
                    ignoreCase = caseInsensitive.Count > 0 ? caseInsensitive.Pop() : ignoreCase;
                    output.Append(c);
                    break;
                case 's' or 'S' when ignoreCase && !IsGroupSyntax(pattern, i):
                    output.Append("[sS\u017F]");
                    break;
                case 'k' or 'K' when ignoreCase && !IsGroupSyntax(pattern, i):
                    output.Append("[kK\u212A]");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        return output.ToString();
    }

    /// <summary>Copies a bracket expression unchanged (nested classes and escapes included); returns its last index.</summary>
    private static int CopyClass(string pattern, int start, StringBuilder output)
    {
        int depth = 0;
        for (int i = start; i < pattern.Length; i++)
        {
            char c = pattern[i];
            output.Append(c);
            if (c == '\\' && i + 1 < pattern.Length)
            {
                output.Append(pattern[++i]);
            }
            else if (c == '[')
            {
                depth++;
            }
            else if (c == ']' && i > start + 1 && --depth == 0)
            {
                return i;
            }
        }

        return pattern.Length - 1;
    }

    /// <summary>A letter that is part of "(?i:" itself rather than a literal.</summary>
    private static bool IsGroupSyntax(string pattern, int i) => i >= 2 && pattern[i - 1] == '?' && pattern[i - 2] == '(';
}
