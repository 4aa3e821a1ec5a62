using System.Globalization;

namespace Vrs.Media.Video;

/// <summary>A frame rate as the exact rational ffprobe reports (e.g. 30000/1001), not a rounded double.</summary>
public readonly record struct FrameRate(int Numerator, int Denominator)
{
    /// <summary>The rate used for frame folders, which carry no timing.</summary>
    public static FrameRate Default { get; } = new(25, 1);

    public bool IsValid => Numerator > 0 && Denominator > 0;

    public double Value => IsValid ? (double)Numerator / Denominator : 0;

    /// <summary>Parses "num/den" or an integer; returns false for "0/0" and anything unusable.</summary>
    public static bool TryParse(string? text, out FrameRate rate)
    {
        rate = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        int slash = text.IndexOf('/', StringComparison.Ordinal);
        string numerator = slash < 0 ? text : text[..slash];
        string denominator = slash < 0 ? "1" : text[(slash + 1)..];
        if (int.TryParse(numerator, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            && int.TryParse(denominator, NumberStyles.Integer, CultureInfo.InvariantCulture, out int d)
            && n > 0 && d > 0)
        {
            rate = new FrameRate(n, d);
            return true;
        }

        return false;
    }

    public override string ToString() => Denominator == 1
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");
}
