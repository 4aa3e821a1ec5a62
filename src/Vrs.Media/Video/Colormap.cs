namespace Vrs.Media.Video;

/// <summary>Colour maps for heatmaps.</summary>
public enum Colormap
{
    /// <summary>Google's Turbo (the published polynomial fit): perceptually smoother than jet.</summary>
    Turbo,

    /// <summary>The classic jet: dark blue, cyan, yellow, dark red.</summary>
    Jet,
}
