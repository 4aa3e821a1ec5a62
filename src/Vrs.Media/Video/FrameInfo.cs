namespace Vrs.Media.Video;

/// <summary>
/// One frame's position and name. A frame folder keeps its files' stems ("00017" for 00017.jpg); a video file's
/// frames are named by index with at least five digits ("00000", "00001", …) so names sort like indices.
/// </summary>
public readonly record struct FrameInfo(int Index, string Name);
