namespace Vrs.Grounding.Runtime;

/// <summary>A request the LVLM cannot take as given (an empty query, more frames than the context holds); exit code 2.</summary>
public sealed class LvlmInputException : Exception
{
    /// <summary>Returns <paramref name="query"/>, or refuses an empty or blank one with the message users see.</summary>
    public static string RequireQuery(string? query) => string.IsNullOrWhiteSpace(query)
        ? throw new LvlmInputException("the query is empty; say which object to find, e.g. --query \"the dog jumping over the fence\"")
        : query;

    public LvlmInputException()
    {
    }

    public LvlmInputException(string message)
        : base(message)
    {
    }

    public LvlmInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
