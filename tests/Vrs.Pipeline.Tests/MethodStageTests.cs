using Vrs.Grounding.Rollout;
using Vrs.Media;
using Vrs.Pipeline.Method;
using Vrs.Segmentation;

namespace Vrs.Pipeline.Tests;

/// <summary>The method's pure stages on hand-made maps and masks, with expectations worked out by hand.</summary>
public sealed class MethodStageTests
{
    private static TokenMap Map(int frames, int height, int width, params (int T, int Y, int X, float V)[] cells)
    {
        var map = new TokenMap(frames, height, width);
        foreach ((int t, int y, int x, float v) in cells)
        {
            map.Values[(((t * height) + y) * width) + x] = v;
        }

        return map;
    }

    [Fact]
    public void Keyframes_are_the_slices_with_the_strongest_peak_over_a_quiet_frame()
    {
        // Slice 0: flat 0.5 (concentration 0). Slice 1: one cell 1.0 (1·(1 − 1/16)). Slice 2: one cell 0.6 (0.6·(0.6 − 0.6/16)).
        TokenMap map = Map(3, 4, 4, (1, 2, 2, 1f), (2, 0, 0, 0.6f));
        map.Frame(0).Fill(0.5f);

        Assert.Equal([1, 2], KeyframeSelector.Select(map, 2));
        Assert.Equal(0.9375f, KeyframeSelector.Concentration(map.Frame(1)), 6);
        Assert.Equal([1, 2, 0], KeyframeSelector.Select(map, 5));
    }

    [Fact]
    public void Each_blob_over_the_threshold_gives_one_point_at_its_strongest_cell_in_video_pixels()
    {
        // Two blobs on a 4×8 grid: cells (0,0)=0.9,(1,1)=1.0 touch diagonally; (2,6)=0.85 stands alone; (3,3)=0.7 is below 0.8.
        TokenMap map = Map(1, 4, 8, (0, 0, 0, 0.9f), (0, 1, 1, 1f), (0, 2, 6, 0.85f), (0, 3, 3, 0.7f));

        IReadOnlyList<PeakPoint> points = PeakPointFinder.Find(map, 0, 0.8f, 5, videoWidth: 160, videoHeight: 80);

        Assert.Equal(2, points.Count);
        Assert.Equal((1, 1, 30.0, 30.0, 1f), (points[0].CellX, points[0].CellY, points[0].X, points[0].Y, points[0].Value));
        Assert.Equal((6, 2, 130.0, 50.0), (points[1].CellX, points[1].CellY, points[1].X, points[1].Y));
        Assert.Single(PeakPointFinder.Find(map, 0, 0.8f, 1, 160, 80));
    }

    [Fact]
    public void Suppression_keeps_the_better_of_two_overlapping_masks_and_both_of_two_apart()
    {
        // Candidate 0 and 2 overlap (IoU 0.8 > 0.7); 2 scores higher, so 0 goes. Candidate 1 overlaps nobody.
        float[,] iou = { { 1f, 0f, 0.8f }, { 0f, 1f, 0.1f }, { 0.8f, 0.1f, 1f } };

        int[] suppressedBy = DuplicateSuppression.Greedy([1.2f, 0.9f, 1.5f], (i, j) => iou[i, j], 0.7f);

        Assert.Equal([2, -1, -1], suppressedBy);
    }

    [Fact]
    public void Rle_overlaps_are_counted_on_the_runs()
    {
        // 4×4 masks (column-major runs): a covers pixels 2..9, b covers 6..13: 4 shared, union 12.
        uint[] a = [2, 8, 6];
        uint[] b = [6, 8, 2];

        Assert.Equal(8, RleMasks.Area(a));
        Assert.Equal(4, RleMasks.Intersection(a, b));
        Assert.Equal(4f / 12f, RleMasks.Iou(a, b), 6);
        Assert.Equal(0f, RleMasks.Iou([16], [16]));
        Assert.Equal(12f / 20f, RleMasks.VideoIou([a, a], [b, a]), 6); // (4 + 8) / (12 + 8): intersections and unions summed over frames
    }

    [Fact]
    public void The_tracklet_that_follows_the_maps_outranks_one_that_sits_elsewhere()
    {
        // Two slices of a 2×2 grid; the map points top-left then top-right. Tracklet A follows it, B stays bottom-left.
        TokenMap map = Map(2, 2, 2, (0, 0, 0, 1f), (1, 0, 1, 1f));
        TokenMap follows = Map(2, 2, 2, (0, 0, 0, 0.9f), (1, 0, 1, 0.8f));
        TokenMap elsewhere = Map(2, 2, 2, (0, 1, 0, 1f), (1, 1, 0, 1f));

        CandidateScore a = TrackletRanker.Score(map, follows, map, follows, 0.3f);
        CandidateScore b = TrackletRanker.Score(map, elsewhere, map, elsewhere, 0.3f);

        Assert.True(a.Score > 0.9f, $"{a}");
        Assert.True(b.Score < 0f, $"{b}");
        // Weighted as w_f·ρ_frame + (1 − w_f)·ρ_video.
        CandidateScore mixed = TrackletRanker.Score(map, follows, map, elsewhere, 0.3f);
        Assert.Equal((0.3f * a.FrameCorrelation) + (0.7f * b.VideoCorrelation), mixed.Score, 5);
    }

    [Fact]
    public void Pearson_matches_a_hand_computed_value_and_is_zero_for_a_constant_series()
    {
        // x = 1,2,3; y = 2,4,5: cov = 1.5, var_x = 2, var_y = 4.667 → 1.5 / sqrt(2 · 4.667) ≈ 0.98198.
        Assert.Equal(0.98198f, Correlation.Pearson([1f, 2f, 3f], [2f, 4f, 5f]), 4);
        Assert.Equal(0f, Correlation.Pearson([1f, 1f, 1f], [2f, 4f, 5f]));
    }

    [Fact]
    public void No_target_when_the_answer_says_none_or_nothing_scores_enough()
    {
        RankedCandidate good = new(1, new CandidateScore(0.8f, 0.7f, 0.73f), null);
        RankedCandidate weak = new(2, new CandidateScore(0.1f, 0.1f, 0.1f), null);

        Assert.True(TargetDecision.Decide([good], "None.", several: false, 0.2f, 0.8f).NoTarget);
        Assert.True(TargetDecision.Decide([weak], "red object", several: false, 0.2f, 0.8f).NoTarget);
        Assert.True(TargetDecision.Decide([], "red object", several: false, 0.2f, 0.8f).NoTarget);
        TargetChoice chosen = TargetDecision.Decide([weak, good], "red object", several: false, 0.2f, 0.8f);
        Assert.Equal([1], chosen.Chosen);
        Assert.False(chosen.NoTarget);
    }

    [Fact]
    public void Several_targets_only_when_the_query_asks_and_only_those_near_the_best()
    {
        RankedCandidate[] candidates =
        [
            new(1, new CandidateScore(0, 0, 0.9f), null),
            new(2, new CandidateScore(0, 0, 0.75f), null),   // ≥ 0.8 · 0.9 = 0.72
            new(3, new CandidateScore(0, 0, 0.6f), null),    // below 0.72
            new(4, new CandidateScore(0, 0, 0.95f), 1),      // a duplicate never counts
        ];

        Assert.Equal([1], TargetDecision.Decide(candidates, "disc", QueryForm.AsksForSeveral("the purple disc"), 0.2f, 0.8f).Chosen);
        Assert.Equal([1, 2], TargetDecision.Decide(candidates, "discs", QueryForm.AsksForSeveral("both purple discs"), 0.2f, 0.8f).Chosen);
    }

    [Fact]
    public void Anchors_take_the_best_well_seen_frame_of_each_run_in_time()
    {
        // 6 sampled frames, 3 runs of 2: {0,1} best 1; {2,3} absent; {4,5} best 4; the empty run's place goes to frame 0.
        float[] agreement = [0.5f, 0.9f, 0.99f, 0.99f, 0.8f, 0.3f];
        long[] areas = [100, 100, 0, 0, 100, 100];

        Assert.Equal([0, 1, 4], AnchorSelector.Select(agreement, areas, 3));
        Assert.Empty(AnchorSelector.Select(agreement, [0, 0, 0, 0, 0, 0], 3));
        Assert.Equal([1], AnchorSelector.Select(agreement, areas, 1));
    }

    [Fact]
    public void A_sliver_under_half_the_median_area_is_no_anchor()
    {
        // Areas 100, 100, 40 (leaving the frame), 0: median of the present ones is 100, so frame 2 (40 < 50) is passed over
        // for all its agreement.
        float[] agreement = [0.2f, 0.3f, 0.99f, 0.9f];

        Assert.Equal([1], AnchorSelector.Select(agreement, [100, 100, 40, 0], 1));
        Assert.Equal([0, 1], AnchorSelector.Select(agreement, [100, 100, 40, 0], 2));
    }

    [Fact]
    public void Pooling_gives_each_cell_the_fraction_the_mask_covers()
    {
        // A 4×2 mask pooled onto 2×1 cells: left cell half covered, right cell fully.
        var pooling = new GridPooling(4, 2, 2, 1);
        var cells = new float[2];

        pooling.Pool([255, 0, 255, 255, 0, 255, 255, 255], cells);

        Assert.Equal([0.5f, 1f], cells);
    }

    [Fact]
    public void An_anchor_prompt_is_the_mask_box_and_its_most_interior_pixel()
    {
        // An L shape: a 10×3 bar with a 3×10 leg; its most interior pixel lies in the bar or the leg, never in the box's empty corner.
        var mask = new GrayImage(20, 20);
        for (int y = 5; y < 8; y++)
        {
            for (int x = 2; x < 12; x++)
            {
                mask.Pixels[(y * 20) + x] = 255;
            }
        }

        for (int y = 5; y < 15; y++)
        {
            for (int x = 2; x < 5; x++)
            {
                mask.Pixels[(y * 20) + x] = 255;
            }
        }

        var (box, inside) = MaskGeometry.Describe(mask.Pixels, 20, 20)!.Value;

        Assert.Equal((2f, 5f, 12f, 15f), (box!.Value.X1, box.Value.Y1, box.Value.X2, box.Value.Y2));
        PointPrompt point = Assert.Single(inside);
        Assert.NotEqual(0, mask.Pixels[((int)point.Y * 20) + (int)point.X]);
        Assert.Null(MaskGeometry.Describe(new byte[400], 20, 20));
    }

    [Fact]
    public void A_mask_in_two_pieces_gets_a_click_inside_each_and_no_box_across_the_gap()
    {
        // Two 4×4 squares far apart, and a 1-pixel speck (under a tenth of a piece) that gets no click.
        var mask = new GrayImage(20, 10);
        foreach ((int x0, int y0) in new[] { (1, 1), (14, 5) })
        {
            for (int y = y0; y < y0 + 4; y++)
            {
                mask.Pixels.AsSpan((y * 20) + x0, 4).Fill(255);
            }
        }

        mask.Pixels[(8 * 20) + 8] = 255;

        var (box, inside) = MaskGeometry.Describe(mask.Pixels, 20, 10)!.Value;

        Assert.Null(box);
        Assert.Equal(2, inside.Count);
        Assert.All(inside, p => Assert.NotEqual(0, mask.Pixels[((int)p.Y * 20) + (int)p.X]));
        Assert.NotEqual(inside[0].X < 10, inside[1].X < 10);
    }

    [Theory]
    [InlineData("both purple discs", true)]
    [InlineData("all the cars on the left", true)]
    [InlineData("the red ball that rolls to the right", false)]
    [InlineData("Which object is green?", false)]
    [InlineData("the green triangle below them", false)]
    public void Queries_asking_for_several_objects_are_recognised(string query, bool several) =>
        Assert.Equal(several, QueryForm.AsksForSeveral(query));
}
