namespace Vrs.Media.Video;

/// <summary>How <see cref="OverlayWriter"/> draws and encodes.</summary>
public sealed record OverlayOptions
{
    /// <summary>Opacity of the object colour over the frame, 0..1.</summary>
    public float Alpha { get; init; } = 0.5f;

    /// <summary>Draw each object's boundary in its colour at full opacity.</summary>
    public bool Contours { get; init; } = true;

    /// <summary>libx264 constant rate factor (lower is better and larger; 23 is x264's default).</summary>
    public int Crf { get; init; } = 20;

    /// <summary>Text drawn in a dark box at the top left (the query), wrapped to the frame width; null for none.</summary>
    public string? Caption { get; init; }

    /// <summary>libx264 preset.</summary>
    public string Preset { get; init; } = "veryfast";
}
