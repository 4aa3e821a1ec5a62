using Vrs.Media.Png;

namespace Vrs.Media.Video;

/// <summary>Writes a heatmap over a frame as an RGB PNG (temporary name, renamed into place).</summary>
public static class HeatmapWriter
{
    public static void Write(string path, ReadOnlySpan<float> map, int mapWidth, int mapHeight, RgbFrame frame, Colormap colormap = Colormap.Turbo, float alpha = 0.5f)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(frame);
        var rgb = new byte[frame.Pixels.Length];
        HeatmapRenderer.Render(map, mapWidth, mapHeight, frame, colormap, alpha, rgb);
        PngRgbEncoder.Write(path, rgb, frame.Width, frame.Height);
    }
}
