using System.Buffers;

namespace Vrs.Grounding.Tokenization;

/// <summary>
/// Finds added tokens in text as HF <c>tokenizers</c>' <c>AddedVocabulary</c> does: leftmost-longest,
/// non-overlapping matches, a <c>single_word</c> token only where no word character touches it, and
/// <c>lstrip</c>/<c>rstrip</c> widening a match over neighbouring whitespace.
/// </summary>
internal sealed class AddedTokenMatcher
{
    private readonly Dictionary<char, AddedToken[]> _byFirstChar;
    private readonly SearchValues<char> _firstChars;

    public AddedTokenMatcher(IEnumerable<AddedToken> tokens, Func<string, string> contentForm)
    {
        _byFirstChar = tokens
            .Where(t => t.Content.Length > 0)
            .Select(t => t with { Content = contentForm(t.Content) })
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ToArray());
        _firstChars = SearchValues.Create([.. _byFirstChar.Keys]);
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>
    /// Appends the segments of <paramref name="text"/>: (start, length, id) where id is the added token's id, or
    /// -1 for ordinary text between tokens. Offsets are relative to <paramref name="text"/>.
    /// </summary>
    public void Split(ReadOnlySpan<char> text, List<(int Start, int Length, int Id)> segments)
    {
        int textStart = 0;
        int search = 0;
        while (search < text.Length)
        {
            int found = text[search..].IndexOfAny(_firstChars);
            if (found < 0)
            {
                break;
            }

            int at = search + found;
            AddedToken? token = LongestAt(text, at);
            if (token is null)
            {
                search = at + 1;
                continue;
            }

            int start = at;
            int stop = at + token.Content.Length;
            if (token.SingleWord && ((start > 0 && IsWordChar(text[start - 1])) || (stop < text.Length && IsWordChar(text[stop]))))
            {
                search = stop;
                continue;
            }

            if (token.LeftStrip)
            {
                while (start > textStart && char.IsWhiteSpace(text[start - 1]))
                {
                    start--;
                }
            }

            if (token.RightStrip)
            {
                while (stop < text.Length && char.IsWhiteSpace(text[stop]))
                {
                    stop++;
                }
            }

            if (start > textStart)
            {
                segments.Add((textStart, start - textStart, -1));
            }

            segments.Add((start, stop - start, token.Id));
            textStart = stop;
            search = stop;
        }

        if (textStart < text.Length)
        {
            segments.Add((textStart, text.Length - textStart, -1));
        }
    }

    private AddedToken? LongestAt(ReadOnlySpan<char> text, int at)
    {
        if (!_byFirstChar.TryGetValue(text[at], out AddedToken[]? candidates))
        {
            return null;
        }

        ReadOnlySpan<char> rest = text[at..];
        foreach (AddedToken candidate in candidates)
        {
            if (rest.StartsWith(candidate.Content, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
