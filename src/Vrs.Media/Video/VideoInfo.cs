namespace Vrs.Media.Video;

/// <summary>
/// What ffprobe says about a video's first video stream. <see cref="Width"/> and <see cref="Height"/> are the size
/// of the decoded frames, i.e. after ffmpeg applies the rotation stored in the file (a phone video shot upright
/// is 1080×1920 here even though it is coded 1920×1080).
/// </summary>
/// <param name="Path">The file probed.</param>
/// <param name="Width">Frame width as decoded (rotation applied).</param>
/// <param name="Height">Frame height as decoded (rotation applied).</param>
/// <param name="FrameCount">Exact number of frames: packets counted by demuxing the whole stream.</param>
/// <param name="FrameRate">Average frame rate (falls back to the stream's base rate, then 25).</param>
/// <param name="Codec">ffmpeg's codec name, e.g. <c>h264</c>.</param>
/// <param name="Rotation">Display rotation in degrees, 0, 90, 180 or 270 (counter-clockwise, as ffprobe reports it).</param>
/// <param name="StartTime">The container's start time in seconds (ffmpeg's <c>-ss</c> is relative to it).</param>
/// <param name="PixelFormat">ffmpeg's pixel format of the decoded stream, e.g. <c>yuv420p</c>.</param>
/// <param name="ColorSpace">The stream's colour matrix tag (<c>bt709</c>, <c>bt470bg</c>, …), empty when untagged.</param>
/// <param name="ColorRange">The stream's range tag, <c>tv</c> (limited) or <c>pc</c> (full), empty when untagged.</param>
public sealed record VideoInfo(
    string Path,
    int Width,
    int Height,
    int FrameCount,
    FrameRate FrameRate,
    string Codec,
    int Rotation,
    double StartTime,
    string PixelFormat = "",
    string ColorSpace = "",
    string ColorRange = "");
