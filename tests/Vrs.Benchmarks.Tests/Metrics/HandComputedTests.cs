using Vrs.Benchmarks.Metrics;

namespace Vrs.Benchmarks.Tests.Metrics;

/// <summary>Small cases worked out by hand from the definitions in datasets-and-metrics.md §2.4 and §7.</summary>
public sealed class HandComputedTests
{
    [Fact]
    public void Boundary_map_marks_the_upper_left_side_of_each_transition()
    {
        byte[] mask =
        [
            0, 0, 0, 0,
            0, 1, 1, 0,
            0, 1, 1, 0,
        ];
        var map = new byte[12];
        BoundaryMap.Compute(mask, 4, 3, map);

        // Row 0 sees the block below (S/SE); row 1: (0,1) sees E, (2,1) sees E; last row: only m != E counts;
        // the last column only compares with S; the bottom-right pixel is 0.
        byte[] expected =
        [
            1, 1, 1, 0,
            1, 0, 1, 0,
            1, 0, 1, 0,
        ];
        Assert.Equal(expected, map);
    }

    [Fact]
    public void A_full_mask_has_no_boundary()
    {
        byte[] mask = Enumerable.Repeat((byte)7, 35).ToArray();
        var map = new byte[35];
        BoundaryMap.Compute(mask, 5, 7, map);
        Assert.All(map, b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_single_bottom_right_pixel_only_marks_its_west_and_north_neighbours()
    {
        var mask = new byte[9];
        mask[8] = 1;
        var map = new byte[9];
        BoundaryMap.Compute(mask, 3, 3, map);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 1, 1, 0, 1, 0 }, map);
    }

    [Theory]
    [InlineData(854, 480, 8)]
    [InlineData(640, 480, 7)]
    [InlineData(640, 360, 6)]
    [InlineData(1280, 720, 12)]
    [InlineData(1920, 1080, 18)]
    [InlineData(5, 7, 1)]
    public void Tolerance_radius_is_the_ceiling_of_0_8_percent_of_the_diagonal(int width, int height, int radius)
    {
        Assert.Equal(radius, BoundaryTolerance.Radius(width, height));
    }

    [Fact]
    public void Disk_half_widths_follow_dx2_plus_dy2_at_most_r2()
    {
        int[] halfWidths = Enumerable.Range(0, 9).Select(dy => BoundaryTolerance.HalfWidth(8, dy)).ToArray();
        Assert.Equal(new[] { 8, 7, 7, 7, 6, 6, 5, 3, 0 }, halfWidths);
        Assert.Equal(-1, BoundaryTolerance.HalfWidth(8, 9));
    }

    [Fact]
    public void Two_pixels_two_apart_match_half_their_boundaries_at_radius_one()
    {
        // 20×20 → r = ceil(0.008·28.28) = 1 (a plus-shaped disk). Each pixel's boundary is the 2×2 block up-left
        // of it; the blocks are two columns apart, so only their facing columns are within one pixel: P = R = 1/2.
        var gt = new byte[400];
        var pred = new byte[400];
        gt[(5 * 20) + 5] = 1;
        pred[(5 * 20) + 7] = 255;
        FrameScores scores = new FrameEvaluator().Evaluate(gt, pred, 20, 20);
        Assert.Equal(0.0, scores.J);
        Assert.Equal(0.5, scores.F);
    }

    [Theory]
    [InlineData(0, 0, 0, 0, 1.0)]
    [InlineData(0, 5, 0, 0, 0.0)]
    [InlineData(5, 0, 0, 0, 0.0)]
    [InlineData(4, 4, 0, 0, 0.0)]
    [InlineData(4, 2, 2, 1, 0.5)]
    public void F_follows_the_official_empty_case_table(long predBoundary, long gtBoundary, long predMatched, long gtMatched, double f)
    {
        Assert.Equal(f, BoundaryFMeasure.FromCounts(predBoundary, gtBoundary, predMatched, gtMatched));
    }

    [Fact]
    public void Robustness_wraps_in_uint8_so_overlaps_weigh_one_and_false_positives_255()
    {
        byte[] gt = [0, 1, 2, 2, 0];
        byte[] pred = [0, 255, 255, 255, 0];
        byte[] fg = [1, 1, 1, 1, 0];
        Assert.Equal(1, RevosRobustness.NegativeTerm(2, 255));
        Assert.Equal(255, RevosRobustness.NegativeTerm(0, 255));
        Assert.Equal(1 - (2 / (4 + 1e-6)), RevosRobustness.Compute(gt, pred, fg));
        Assert.Equal(0.4, RevosAccuracy.Compute(gt, pred));

        byte[] falsePositive = [0, 255, 255, 255, 255];
        Assert.Equal(0.0, RevosRobustness.Compute(gt, falsePositive, fg));
    }

    [Fact]
    public void Jaccard_ignores_void_and_scores_an_empty_union_as_one()
    {
        byte[] gt = [1, 1, 0, 0];
        byte[] pred = [1, 0, 9, 0];
        Assert.Equal(1.0 / 3, Jaccard.Compute(gt, pred));
        Assert.Equal(0.5, Jaccard.Compute(gt, pred, [0, 0, 1, 0]));
        Assert.Equal(1.0, Jaccard.Compute(gt, pred, [1, 1, 1, 1]));
        Assert.Equal(1.0, Jaccard.Compute([0, 0], [0, 0]));
    }

    [Fact]
    public void Mismatched_sizes_are_rejected_with_a_clear_message()
    {
        var evaluator = new FrameEvaluator();
        ArgumentException error = Assert.Throws<ArgumentException>(() => evaluator.Evaluate(new byte[12], new byte[11], 4, 3));
        Assert.Contains("expected 4x3", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Jaccard.Compute(new byte[3], new byte[4]));
    }
}
