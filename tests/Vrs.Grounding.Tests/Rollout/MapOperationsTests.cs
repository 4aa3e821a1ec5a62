using Vrs.Grounding.Rollout;

namespace Vrs.Grounding.Tests.Rollout;

/// <summary>DecAF's map steps (lvlm-grounding.md §2.4–2.5, §3.3), each with hand-computed numbers.</summary>
public sealed class MapOperationsTests
{
    private static readonly float s_e = (float)Math.Exp(-0.5);

    [Fact]
    public void Rollout_row_visual_entries_become_a_raster_grid()
    {
        // 2 text tokens, then a 2×2×3 (t, h, w) visual block, then 1 text token.
        float[] row = new float[2 + 12 + 1];
        for (int i = 0; i < 12; i++)
        {
            row[2 + i] = i;
        }

        TokenMap map = TokenMap.FromRolloutRow(row, 2, 2, 2, 3);
        Assert.Equal(0f, map[0, 0, 0]);
        Assert.Equal(5f, map[0, 1, 2]);
        Assert.Equal(7f, map[1, 0, 1]);
        Assert.Equal(11f, map[1, 1, 2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => TokenMap.FromRolloutRow(row, 4, 2, 2, 3));
    }

    [Fact]
    public void Gaussian_kernel_is_normalised_with_sigma_one()
    {
        float[] g = MapOperations.GaussianKernel1D(3, 1.0);
        float total = 1f + (2f * s_e);
        Assert.Equal(s_e / total, g[0], 6);
        Assert.Equal(1f / total, g[1], 6);
        Assert.Equal(g[0], g[2]);
        Assert.Equal(1f, MapOperations.GaussianKernel1D(7, 1.0).Sum(), 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => MapOperations.GaussianKernel1D(4, 1.0));
    }

    [Fact]
    public void Smoothing_a_delta_gives_the_kernel_and_zero_padding_loses_mass_at_the_border()
    {
        TokenMap delta = new(2, 3, 3);
        delta.Frame(0)[4] = 1f;   // centre of frame 0
        delta.Frame(1)[0] = 1f;   // corner of frame 1

        TokenMap s = MapOperations.GaussianSmooth(delta, 3);
        float[] g = MapOperations.GaussianKernel1D(3, 1.0);
        for (int y = 0; y < 3; y++)
        {
            for (int x = 0; x < 3; x++)
            {
                Assert.Equal(g[y] * g[x], s[0, y, x], 6);
            }
        }

        // The corner delta keeps only the kernel's lower-right 2×2 quarter: frames are smoothed independently.
        Assert.Equal(g[1] * g[1], s[1, 0, 0], 6);
        Assert.Equal(g[1] * g[2], s[1, 0, 1], 6);
        Assert.Equal(0f, s[1, 2, 2]);
        Assert.Equal((g[1] + g[2]) * (g[1] + g[2]), s.Frame(1).ToArray().Sum(), 6);
    }

    [Fact]
    public void Contrast_subtracts_background_and_clamps_to_zero_one()
    {
        TokenMap obj = new(1, 1, 4, [0.5f, 0.25f, 2f, 0f]);
        TokenMap bg = new(1, 1, 4, [0.25f, 0.5f, 0.5f, 0f]);
        Assert.Equal([0.25f, 0f, 1f, 0f], MapOperations.Contrast(obj, bg).Values);
        Assert.Throws<ArgumentException>(() => MapOperations.Contrast(obj, new TokenMap(1, 2, 2)));
    }

    [Fact]
    public void Min_max_is_global_for_video_and_per_frame_for_frames()
    {
        TokenMap m = new(2, 1, 2, [1f, 3f, 5f, 9f]);
        Assert.Equal([0f, 0.25f, 0.5f, 1f], MapOperations.MinMaxGlobal(m).Values);
        Assert.Equal([0f, 1f, 0f, 1f], MapOperations.MinMaxPerFrame(m).Values);
    }

    [Fact]
    public void Constant_maps_normalise_to_zero()
    {
        TokenMap m = new(2, 1, 2, [2f, 2f, 1f, 3f]);
        Assert.Equal([0f, 0f, 0f, 1f], MapOperations.MinMaxPerFrame(m).Values);
        Assert.Equal([0f, 0f], MapOperations.MinMaxGlobal(new TokenMap(1, 1, 2, [4f, 4f])).Values);
    }

    [Fact]
    public void Video_slices_repeat_per_frame_pair_and_drop_the_odd_pad()
    {
        TokenMap video = new(2, 1, 1, [1f, 2f]);
        Assert.Equal([1f, 1f, 2f, 2f], MapOperations.RepeatPairsToFrames(video, 4).Values);
        Assert.Equal([1f, 1f, 2f], MapOperations.RepeatPairsToFrames(video, 3).Values);
        Assert.Throws<ArgumentException>(() => MapOperations.RepeatPairsToFrames(video, 5));
    }

    [Fact]
    public void Bilinear_resize_uses_half_pixel_centres()
    {
        // torch F.interpolate(bilinear, align_corners=False) of [0, 1] to 4: sources −.25→0, .25, .75, 1.25→clamped.
        TokenMap m = new(1, 1, 2, [0f, 1f]);
        Assert.Equal([0f, 0.25f, 0.75f, 1f], MapOperations.ResizeBilinear(m, 1, 4).Values);

        TokenMap square = new(1, 2, 2, [0f, 1f, 2f, 3f]);
        TokenMap up = MapOperations.ResizeBilinear(square, 4, 4);
        Assert.Equal(0f, up[0, 0, 0]);
        Assert.Equal(0.75f, up[0, 1, 1]);   // .25 down, .25 right: .75·(.75·0 + .25·1) + .25·(.75·2 + .25·3)
        Assert.Equal(3f, up[0, 3, 3]);
    }

    [Fact]
    public void Fusion_averages_normalised_video_and_frame_maps_then_renormalises()
    {
        // Video: one slice 1×2 [0, 4] → global min–max [0, 1] → two frames → resized to 1×2 (no-op).
        // Frames: [1, 3] → [0, 1]; [5, 5] → constant → [0, 0].
        TokenMap video = new(1, 1, 2, [0f, 4f]);
        TokenMap frames = new(2, 1, 2, [1f, 3f, 5f, 5f]);
        TokenMap fused = MapOperations.FuseVideoAndFrame(video, frames);

        // Averages [0, 1, 0, .5] → global min–max leaves them.
        Assert.Equal([0f, 1f, 0f, 0.5f], fused.Values);
    }
}
