namespace Vrs.Pipeline.Output;

/// <summary>Which outputs to write and where (each null when not asked); all are staged and published together.</summary>
public sealed record MaskOutputRequest
{
    public required string VideoPath { get; init; }

    /// <summary>One PNG per frame named after the frame.</summary>
    public string? MaskFolder { get; init; }

    /// <summary>Indexed PNGs with object ids instead of the 0/255 union.</summary>
    public bool Palette { get; init; }

    public string? RleFile { get; init; }

    public string? OverlayFile { get; init; }

    /// <summary>Text drawn on the overlay (the query).</summary>
    public string? Caption { get; init; }
}
