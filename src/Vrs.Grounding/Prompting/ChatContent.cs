namespace Vrs.Grounding.Prompting;

/// <summary>One part of a message: text, or a placeholder for an image or a video.</summary>
public abstract record ChatContent
{
    private ChatContent()
    {
    }

    public static ChatContent Image { get; } = new ImagePart();

    public static ChatContent Video { get; } = new VideoPart();

    public static ChatContent FromText(string text) => new TextPart(text);

    public sealed record TextPart(string Text) : ChatContent;

    public sealed record ImagePart : ChatContent;

    public sealed record VideoPart : ChatContent;
}
