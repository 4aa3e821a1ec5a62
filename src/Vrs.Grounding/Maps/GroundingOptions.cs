namespace Vrs.Grounding.Maps;

/// <summary>How the grounding maps are made; the defaults are DecAF's recipe (lvlm-grounding.md §3.1).</summary>
public sealed record GroundingOptions
{
    /// <summary>DecAF's T_s: frames sampled uniformly (all of them when the video is shorter); see <see cref="SampledFrames"/>.</summary>
    public const int DefaultFrames = 16;

    /// <summary>DecAF's video budget: at most 400 merged tokens per temporal grid (max_pixels = 400·28²).</summary>
    public const long DefaultVideoMaxPixels = 400 * 28 * 28;

    public long VideoMaxPixels { get; init; } = DefaultVideoMaxPixels;

    /// <summary>Also run one single-image prompt per sampled frame at twice the video grid (DecAF's frame mode).</summary>
    public bool FrameMaps { get; init; } = true;

    /// <summary>Subtract the background prompt's map (DecAF's object-minus-background contrast).</summary>
    public bool BackgroundContrast { get; init; } = true;

    /// <summary>Tokens the object pass may generate (its answer names the object for the background prompt).</summary>
    public int MaxNewTokens { get; init; } = 16;
}
