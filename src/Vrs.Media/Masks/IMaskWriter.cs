using Vrs.Media.Video;

namespace Vrs.Media.Masks;

/// <summary>
/// Writes the masks of a video frame by frame into a staging place and publishes them only at
/// <see cref="Commit"/>: disposing without committing, an exception, or a killed process never leaves output
/// under the final name that looks complete.
/// </summary>
public interface IMaskWriter : IDisposable
{
    /// <summary>Writes one frame's masks (every mask the size of the frame; none means an empty mask).</summary>
    void Write(FrameInfo frame, IReadOnlyList<ObjectMask> masks);

    /// <summary>Moves the finished output into place, replacing what was there.</summary>
    void Commit();
}
