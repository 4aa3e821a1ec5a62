using System.Globalization;
using System.Text.RegularExpressions;

namespace Vrs.Grounding.Tokenization;

/// <summary>
/// The <c>Split</c> pre-tokenizer with <c>Isolated</c> behaviour: every regex match is a piece, and so is every gap
/// between matches. Patterns are written for Oniguruma (what HF <c>tokenizers</c> uses); .NET's engine agrees on
/// the constructs these patterns use (<c>\s</c> is Unicode White_Space in both; <see cref="OnigurumaPattern"/>
/// handles case folding), except that .NET sees a code point above U+FFFF as two surrogate units that are neither <c>\p{L}</c>
/// nor <c>\p{N}</c>. Such text is matched through a proxy string where each of those code points becomes one BMP
/// character of the same general category, and the piece boundaries are mapped back.
/// </summary>
internal sealed class RegexSplitter
{
    private readonly Regex _regex;
    private readonly bool _useProxy;

    public RegexSplitter(string pattern)
    {
        _regex = new Regex(OnigurumaPattern.ToDotNet(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled);
        _useProxy = !pattern.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF');
    }

    /// <summary>Appends (start, length) of each piece of <paramref name="text"/>, offsets relative to it, in order.</summary>
    public void Split(ReadOnlySpan<char> text, List<(int Start, int Length)> pieces)
    {
        if (_useProxy && HasSurrogatePair(text))
        {
            SplitThroughProxy(text, pieces);
            return;
        }

        int last = 0;
        foreach (ValueMatch match in _regex.EnumerateMatches(text))
        {
            if (match.Length == 0)
            {
                continue;
            }

            if (match.Index > last)
            {
                pieces.Add((last, match.Index - last));
            }

            pieces.Add((match.Index, match.Length));
            last = match.Index + match.Length;
        }

        if (last < text.Length)
        {
            pieces.Add((last, text.Length - last));
        }
    }

    private void SplitThroughProxy(ReadOnlySpan<char> text, List<(int Start, int Length)> pieces)
    {
        char[] proxy = new char[text.Length];
        int[] origin = new int[text.Length + 1];
        int n = 0;
        for (int i = 0; i < text.Length; i++)
        {
            origin[n] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                proxy[n++] = Representative(CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[i], text[i + 1])));
                i++;
            }
            else
            {
                proxy[n++] = text[i];
            }
        }

        origin[n] = text.Length;
        int first = pieces.Count;
        Split(proxy.AsSpan(0, n), pieces);
        for (int k = first; k < pieces.Count; k++)
        {
            (int s, int length) = pieces[k];
            pieces[k] = (origin[s], origin[s + length] - origin[s]);
        }
    }

    private static bool HasSurrogatePair(ReadOnlySpan<char> text)
    {
        for (int i = text.IndexOfAnyInRange('\uD800', '\uDBFF'); i >= 0 && i + 1 < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A BMP character of the given general category that no tokenizer pattern names literally.</summary>
    private static char Representative(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter => '\u0531',
        UnicodeCategory.LowercaseLetter => '\u0561',
        UnicodeCategory.TitlecaseLetter => '\u01C5',
        UnicodeCategory.ModifierLetter => '\u02B0',
        UnicodeCategory.OtherLetter => '\u05D0',
        UnicodeCategory.NonSpacingMark => '\u0300',
        UnicodeCategory.SpacingCombiningMark => '\u0903',
        UnicodeCategory.EnclosingMark => '\u20DD',
        UnicodeCategory.DecimalDigitNumber => '\u0660',
        UnicodeCategory.LetterNumber => '\u2160',
        UnicodeCategory.OtherNumber => '\u00B2',
        UnicodeCategory.SpaceSeparator => '\u3000',
        UnicodeCategory.LineSeparator => '\u2028',
        UnicodeCategory.ParagraphSeparator => '\u2029',
        UnicodeCategory.Control => '\u0001',
        UnicodeCategory.Format => '\u200B',
        UnicodeCategory.PrivateUse => '\uE000',
        UnicodeCategory.ConnectorPunctuation => '\u203F',
        UnicodeCategory.DashPunctuation => '\u2010',
        UnicodeCategory.OpenPunctuation => '\u2045',
        UnicodeCategory.ClosePunctuation => '\u2046',
        UnicodeCategory.InitialQuotePunctuation => '\u00AB',
        UnicodeCategory.FinalQuotePunctuation => '\u00BB',
        UnicodeCategory.OtherPunctuation => '\u203B',
        UnicodeCategory.MathSymbol => '\u2200',
        UnicodeCategory.CurrencySymbol => '\u20A0',
        UnicodeCategory.ModifierSymbol => '\u02C2',
        UnicodeCategory.OtherSymbol => '\u00A9',
        _ => '\u0378',
    };
}
