namespace Vrs.Grounding.Preprocessing;

/// <summary>
/// A vision item's <c>grid_thw</c>: temporal patches, and height and width in patches (14 px), as the processor's
/// <c>image_grid_thw</c> / <c>video_grid_thw</c> rows (lvlm-grounding.md §6.2).
/// </summary>
public readonly record struct VisionGrid(int Temporal, int Height, int Width)
{
    /// <summary>Rows of <c>pixel_values</c>: one per patch.</summary>
    public int PatchCount => Temporal * Height * Width;

    /// <summary>The LLM tokens the vision encoder's merger produces, grid_t·grid_h·grid_w / merge² (one pad token each).</summary>
    public int TokenCount(int mergeSize) => Temporal * (Height / mergeSize) * (Width / mergeSize);
}
