namespace Vrs.Grounding.Maps;

/// <summary>
/// The questions of the grounding passes, after DecAF's object and background prompts (lvlm-grounding.md §3.2; our
/// own wording). The expression is lower-cased and ends in "." unless it ends in "?" or ".", as DecAF does.
/// </summary>
public static class GroundingPrompts
{
    public static string NormalizeExpression(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        string text = expression.Trim().ToLowerInvariant();
        return text.EndsWith('?') || text.EndsWith('.') ? text : text + ".";
    }

    public static string ObjectQuestion(string expression) =>
        NormalizeExpression(expression)
        + " \nWhat is the main object (or objects) the expression or question above refers to?"
        + " \nName the primary subject or agent, not its surroundings. Answer with a single word, such as 'cat', 'person' or 'dog'.";

    /// <summary>The background question names the object the object pass answered, to steer attention away from it.</summary>
    public static string BackgroundQuestion(string objectName, bool isVideo) =>
        $"Describe the background scene of the {(isVideo ? "video" : "image")}, excluding any {objectName}. Answer with a single word or phrase.";

    /// <summary>The object word from the object pass's answer: its first line, trimmed of punctuation; "object" when empty.</summary>
    public static string ObjectName(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        string line = answer.Split('\n', 2)[0].Trim().Trim('.', ',', ';', ':', '!', '?', '"', '\'').Trim();
        return line.Length == 0 ? "object" : line;
    }
}
