namespace Vrs.Grounding.Preprocessing;

/// <summary>
/// One image or video ready for the vision encoder: <c>pixel_values</c> [grid.PatchCount, 1176] row-major and its grid,
/// plus the size every frame was resized to.
/// </summary>
public sealed record VisionInput(float[] PixelValues, VisionGrid Grid, int ResizedHeight, int ResizedWidth);
