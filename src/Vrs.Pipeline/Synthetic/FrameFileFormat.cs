namespace Vrs.Pipeline.Synthetic;

/// <summary>How <see cref="SceneWriter.WriteFrames"/> stores frames.</summary>
public enum FrameFileFormat
{
    /// <summary>Lossless RGB PNGs: the frames exactly as rendered.</summary>
    Png,

    /// <summary>JPEGs (4:2:0, high quality), like the frame folders of DAVIS-style benchmarks.</summary>
    Jpeg,
}
