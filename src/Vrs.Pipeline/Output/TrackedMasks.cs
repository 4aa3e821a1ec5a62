using Vrs.Media.Video;

namespace Vrs.Pipeline.Output;

/// <summary>
/// The result of a run as it is written: every frame of the video, and per object its mask on each frame as COCO
/// RLE counts at video resolution (null: empty).
/// </summary>
public sealed record TrackedMasks(IReadOnlyList<FrameInfo> Frames, int Width, int Height, IReadOnlyList<ObjectMasks> Objects)
{
    /// <summary>One object with <paramref name="masks"/> (the answer of a segment run: the union of its targets).</summary>
    public static TrackedMasks OneObject(IReadOnlyList<FrameInfo> frames, int width, int height, IReadOnlyList<uint[]?> masks) =>
        new(frames, width, height, [new ObjectMasks(1, masks)]);

    /// <summary>No target: one object, empty on every frame.</summary>
    public static TrackedMasks Empty(IReadOnlyList<FrameInfo> frames, int width, int height) =>
        OneObject(frames, width, height, new uint[]?[frames.Count]);
}

/// <summary>One object's masks, indexed by frame.</summary>
public sealed record ObjectMasks(int ObjectId, IReadOnlyList<uint[]?> Masks);
