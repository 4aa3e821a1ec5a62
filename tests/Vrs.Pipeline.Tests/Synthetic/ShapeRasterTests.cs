using Vrs.Pipeline.Synthetic;

namespace Vrs.Pipeline.Tests.Synthetic;

public sealed class ShapeRasterTests
{
    private static int Area(ShapeKind shape, float cx, float cy, float size, int width = 100, int height = 100)
    {
        int area = 0;
        (int top, int bottom) = ShapeRaster.Rows(shape, cy, size, height);
        for (int y = top; y < bottom; y++)
        {
            (int left, int right) = ShapeRaster.Span(shape, cx, cy, size, y, width);
            area += Math.Max(right - left, 0);
        }

        return area;
    }

    [Fact]
    public void A_square_of_half_side_5_on_pixel_corners_covers_exactly_100_pixels()
    {
        Assert.Equal(100, Area(ShapeKind.Square, 50, 50, 5));
    }

    [Fact]
    public void A_disc_covers_about_pi_r_squared_pixels()
    {
        Assert.InRange(Area(ShapeKind.Disc, 50, 50, 20), 1257 - 20, 1257 + 20);
    }

    [Fact]
    public void A_triangle_covers_half_its_bounding_square()
    {
        // Base 40, height 40: area 800.
        Assert.InRange(Area(ShapeKind.Triangle, 50, 50, 20), 800 - 20, 800 + 20);
    }

    [Fact]
    public void A_rounded_box_covers_its_rectangle_less_the_corner_cut_offs()
    {
        // 60 × 42 minus (4 − π)·r² with r = 10.
        Assert.InRange(Area(ShapeKind.RoundedBox, 50, 50, 30), 2520 - 86 - 20, 2520 - 86 + 20);
    }

    [Fact]
    public void A_shape_beyond_the_edge_covers_nothing_and_one_across_it_is_clipped()
    {
        Assert.Equal(0, Area(ShapeKind.Disc, -30, 50, 20));
        Assert.Equal(100 / 2, Area(ShapeKind.Square, 0, 50, 5));
    }
}
