namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// The colours scenes are painted in: the eight colour words the stand-in LVLM knows, as realistic paint rather than
/// pure primaries (a red ball is (196,48,44), not (255,0,0)), so the models are tested on colours a person names.
/// Every pair is more than 0.2 (SAM 2 stand-in's colour radius, in RGB/255) apart, and all are far from the
/// mid-grey background.
/// </summary>
public static class SceneColours
{
    public static NamedColour Red { get; } = new("red", 196, 48, 44);

    public static NamedColour Orange { get; } = new("orange", 226, 128, 40);

    public static NamedColour Yellow { get; } = new("yellow", 226, 196, 52);

    public static NamedColour Green { get; } = new("green", 52, 160, 72);

    public static NamedColour Blue { get; } = new("blue", 44, 84, 190);

    public static NamedColour Purple { get; } = new("purple", 124, 60, 150);

    public static NamedColour White { get; } = new("white", 236, 234, 228);

    public static NamedColour Black { get; } = new("black", 28, 28, 32);

    public static IReadOnlyList<NamedColour> All { get; } = [Red, Orange, Yellow, Green, Blue, Purple, White, Black];

    /// <summary>The colour words, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(c => c.Name)];

    /// <summary>The colour words <paramref name="text"/> contains as whole words, in order of appearance, each once.</summary>
    public static IReadOnlyList<string> NamedIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<string>();
        int start = -1;
        for (int i = 0; i <= text.Length; i++)
        {
            bool letter = i < text.Length && char.IsAsciiLetter(text[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                string word = text[start..i].ToLowerInvariant();
                if (Names.Contains(word) && !found.Contains(word))
                {
                    found.Add(word);
                }

                start = -1;
            }
        }

        return found;
    }
}
