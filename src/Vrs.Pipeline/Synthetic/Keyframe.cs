namespace Vrs.Pipeline.Synthetic;

/// <summary>Where an object's centre is (pixels, may lie outside the frame) at a frame.</summary>
public readonly record struct Keyframe(int Frame, float X, float Y);
