namespace Vrs.Grounding.Runtime;

/// <summary>A request the LVLM cannot take as given (an empty query, more frames than the context holds); exit code 2.</summary>
public sealed class LvlmInputException : Exception
{
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
