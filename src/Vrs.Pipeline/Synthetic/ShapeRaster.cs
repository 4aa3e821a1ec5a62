namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// Which pixels a shape covers, row by row: a pixel belongs to the shape when its centre (x + ½, y + ½) lies inside
/// the outline. Spans are computed from the outline per row, so drawing touches only the shape's own pixels.
/// </summary>
internal static class ShapeRaster
{
    /// <summary>Rows [Top, Bottom) the shape can cover, clipped to the image.</summary>
    public static (int Top, int Bottom) Rows(ShapeKind shape, float cy, float size, int height)
    {
        float half = HalfHeight(shape, size);
        int top = (int)MathF.Ceiling(cy - half - 0.5f);
        int bottom = (int)MathF.Floor(cy + half - 0.5f) + 1;
        return (Math.Clamp(top, 0, height), Math.Clamp(bottom, 0, height));
    }

    /// <summary>Columns [Left, Right) the shape covers on row <paramref name="y"/>, clipped; empty when Left ≥ Right.</summary>
    public static (int Left, int Right) Span(ShapeKind shape, float cx, float cy, float size, int y, int width)
    {
        float dy = y + 0.5f - cy;
        float half = HalfWidth(shape, size, dy);
        if (half < 0)
        {
            return (0, 0);
        }

        int left = (int)MathF.Ceiling(cx - half - 0.5f);
        int right = (int)MathF.Floor(cx + half - 0.5f) + 1;
        return (Math.Clamp(left, 0, width), Math.Clamp(right, 0, width));
    }

    private static float HalfHeight(ShapeKind shape, float size) => shape == ShapeKind.RoundedBox ? 0.7f * size : size;

    /// <summary>Half the shape's width at vertical offset <paramref name="dy"/> from its centre; negative outside.</summary>
    private static float HalfWidth(ShapeKind shape, float size, float dy)
    {
        float ady = MathF.Abs(dy);
        switch (shape)
        {
            case ShapeKind.Disc:
                return ady > size ? -1 : MathF.Sqrt((size * size) - (dy * dy));
            case ShapeKind.Square:
                return ady > size ? -1 : size;
            case ShapeKind.Triangle:
                // Apex at cy − size, base at cy + size.
                return ady > size ? -1 : (dy + size) / 2;
            case ShapeKind.RoundedBox:
                float halfHeight = 0.7f * size;
                float radius = size / 3;
                if (ady > halfHeight)
                {
                    return -1;
                }

                float intoCorner = ady - (halfHeight - radius);
                return intoCorner <= 0 ? size : size - radius + MathF.Sqrt(MathF.Max((radius * radius) - (intoCorner * intoCorner), 0));
            default:
                throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape");
        }
    }
}
