namespace Vrs.Media.Masks;

/// <summary>One object's mask on one frame; any non-zero byte of <see cref="Mask"/> is foreground.</summary>
/// <param name="ObjectId">The object's id, 1..255 (the index a palette PNG stores).</param>
/// <param name="Mask">The mask at the frame's size.</param>
public readonly record struct ObjectMask(int ObjectId, GrayImage Mask);
