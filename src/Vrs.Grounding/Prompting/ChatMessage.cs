namespace Vrs.Grounding.Prompting;

/// <summary>A chat turn: a role ("system", "user", "assistant") and its content parts in order.</summary>
public sealed record ChatMessage(string Role, IReadOnlyList<ChatContent> Content)
{
    public static ChatMessage User(params ChatContent[] content) => new("user", content);

    public static ChatMessage System(string text) => new("system", [ChatContent.FromText(text)]);
}
