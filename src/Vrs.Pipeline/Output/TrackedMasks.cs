using Vrs.Media.Video;

namespace Vrs.Pipeline.Output;

/// <summary>
/// The result of a run as it is written: every frame of the video, and per object its mask on each frame as COCO
/// RLE counts at video resolution (null: empty).
/// </summary>
public sealed record TrackedMasks(IReadOnlyList<FrameInfo> Frames, int Width, int Height, IReadOnlyList<ObjectMasks> Objects);

/// <summary>One object's masks, indexed by frame.</summary>
public sealed record ObjectMasks(int ObjectId, IReadOnlyList<uint[]?> Masks);
