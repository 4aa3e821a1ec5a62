using Vrs.Grounding.Rollout;

namespace Vrs.Pipeline.Tracking;

/// <summary>
/// One object tracked over the whole video: its mask on every frame (COCO RLE counts at video resolution, column-major
/// runs) and, on the sampled frames, the mask average-pooled onto the maps' token grids for ranking.
/// </summary>
public sealed class Tracklet
{
    public Tracklet(int id, int frameCount)
    {
        Id = id;
        Masks = new uint[frameCount][];
    }

    public int Id { get; }

#pragma warning disable CA1819 // Indexed by frame, filled in place while tracking.
    public uint[]?[] Masks { get; }
#pragma warning restore CA1819

    /// <summary>The tracklet pooled onto the frame-level map's grid, one slice per sampled frame (null without frame maps).</summary>
    public TokenMap? PooledFrame { get; set; }

    /// <summary>The tracklet pooled onto the video-level map's grid, one slice per sampled frame.</summary>
    public TokenMap? PooledVideo { get; set; }
}
