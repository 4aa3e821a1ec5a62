namespace Vrs.Pipeline.Synthetic;

/// <summary>An object colour: the English word a person would use for it and the RGB the renderer paints.</summary>
public sealed record NamedColour(string Name, byte R, byte G, byte B)
{
    public override string ToString() => $"{Name} ({R},{G},{B})";
}
