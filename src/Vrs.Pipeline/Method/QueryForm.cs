namespace Vrs.Pipeline.Method;

/// <summary>What the wording of a query or an answer says, read without a model.</summary>
public static class QueryForm
{
    /// <summary>
    /// Words that ask for more than one target. Not "them": as an object it names what the target is placed against
    /// ("the green triangle below them").
    /// </summary>
    private static readonly HashSet<string> s_several = new(StringComparer.OrdinalIgnoreCase)
    {
        "all", "both", "every", "each", "two", "three", "four", "five", "several", "multiple", "many",
        "objects", "things", "ones", "they", "those", "these", "pair", "group",
    };

    private static readonly HashSet<string> s_none = new(StringComparer.OrdinalIgnoreCase)
    {
        "none", "nothing", "no", "n/a", "nobody", "absent",
    };

    /// <summary>True when the query asks for more than one object ("both purple discs", "all the cars").</summary>
    public static bool AsksForSeveral(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Words(query).Any(s_several.Contains);
    }

    /// <summary>True when a model's answer says nothing matches (its first word is "none", "nothing", "no", …).</summary>
    public static bool SaysNothingMatches(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        string? first = Words(answer).FirstOrDefault();
        return first is not null && s_none.Contains(first);
    }

    private static string[] Words(string text) =>
        text.Split([' ', '\t', '\n', '\r', ',', '.', ';', ':', '!', '?', '"', '\'', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
}
