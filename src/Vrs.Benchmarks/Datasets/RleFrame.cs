namespace Vrs.Benchmarks.Datasets;

/// <summary>One frame of a COCO run-length-encoded mask as stored in a benchmark's mask dictionary.</summary>
/// <param name="Height">Rows of the mask (<c>size[0]</c>).</param>
/// <param name="Width">Columns of the mask (<c>size[1]</c>).</param>
/// <param name="Counts">The compressed COCO string (<c>counts</c>).</param>
public sealed record RleFrame(int Height, int Width, string Counts);
