using Vrs.Media.Masks;

namespace Vrs.Media.Video;

/// <summary>
/// Heatmap PNGs over frames, <c>&lt;folder&gt;/&lt;subfolder&gt;/&lt;frame name&gt;.png</c>, staged under a hidden name and
/// published by <see cref="Commit"/> (a run that fails or is killed leaves no partial folder).
/// </summary>
public sealed class HeatmapFolderWriter : IDisposable
{
    private readonly StagedDirectory _staging;

    public HeatmapFolderWriter(string folder)
    {
        _staging = new StagedDirectory(folder);
    }

    public string Folder => _staging.FinalPath;

    /// <summary>Writes one map (mapWidth × mapHeight, values in [0, 1]) over <paramref name="frame"/>.</summary>
    public void Write(string subfolder, RgbFrame frame, ReadOnlySpan<float> map, int mapWidth, int mapHeight)
    {
        ArgumentException.ThrowIfNullOrEmpty(subfolder);
        ArgumentNullException.ThrowIfNull(frame);
        string path = _staging.FileFor(frame.Name, ".png");
        string directory = Path.Combine(_staging.Path, subfolder);
        Directory.CreateDirectory(directory);
        HeatmapWriter.Write(Path.Combine(directory, Path.GetFileName(path)), map, mapWidth, mapHeight, frame);
    }

    public void Commit() => _staging.Commit();

    public void Dispose() => _staging.Dispose();
}
