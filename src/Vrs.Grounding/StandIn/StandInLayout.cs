namespace Vrs.Grounding.StandIn;

/// <summary>
/// What each of the stand-in's 24 hidden channels means; every stand-in graph reads and writes this one layout, so a
/// vision row, a token row and a cached row can be told apart and compared without learned weights.
/// </summary>
internal static class StandInLayout
{
    public const int HiddenSize = 24;

    /// <summary>A merged cell's side in the resized image's pixels: Qwen2-VL's 14-px patches merged 2×2.</summary>
    public const int CellPixels = 28;

    /// <summary>Channels 0–2: the mean RGB in [0, 1] of a merged 2×2 cell (vision rows only).</summary>
    public const int Rgb = 0;

    /// <summary>1 on vision rows: text rows have RGB 0, which would otherwise look black.</summary>
    public const int Visual = 3;

    /// <summary>Channels 4–7: the cell's centre x, centre y (normalised 0..1), width 1/w and height 1/h.</summary>
    public const int CentreX = 4;

    public const int CentreY = 5;

    public const int CellWidth = 6;

    public const int CellHeight = 7;

    /// <summary>1 on box words ("box", "bbox", "bounding"): the answer head then answers with a box.</summary>
    public const int BoxWord = 8;

    /// <summary>1 on <c>&lt;|im_start|&gt;</c>: the answer head counts its steps from the last one.</summary>
    public const int ImStart = 9;

    /// <summary>The temporal grid index t of a vision row.</summary>
    public const int Time = 10;

    /// <summary>1 on negation words ("excluding", "not", …): colour words from there on name nothing.</summary>
    public const int Negation = 11;

    /// <summary>1 on keyframe words ("timestamp"): the answer head then answers Veason-R1's keyframe JSON.</summary>
    public const int KeyframeWord = 12;

    /// <summary>1 on the digit tokens 0–9, whose value is in <see cref="DigitValue"/>: timestamps are read from them.</summary>
    public const int Digit = 13;

    public const int DigitValue = 14;

    /// <summary>Channels 16–23: one-hot of a colour word, in <see cref="StandInPalette"/> order.</summary>
    public const int ColourWord = 16;
}
