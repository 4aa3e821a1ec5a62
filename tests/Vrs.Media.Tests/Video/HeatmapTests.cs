using Vrs.Media.Video;

namespace Vrs.Media.Tests.Video;

public sealed class HeatmapTests
{
    [Fact]
    public void Upsampling_matches_pytorch_bilinear_without_aligned_corners()
    {
        // torch.nn.functional.interpolate(tensor([[0, 1], [2, 3]]), size=(4, 4), mode="bilinear", align_corners=False)
        float[] expected =
        [
            0.00f, 0.25f, 0.75f, 1.00f,
            0.50f, 0.75f, 1.25f, 1.50f,
            1.50f, 1.75f, 2.25f, 2.50f,
            2.00f, 2.25f, 2.75f, 3.00f,
        ];
        var output = new float[16];
        HeatmapRenderer.Upsample([0, 1, 2, 3], 2, 2, output, 4, 4);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Upsampling_a_constant_map_to_an_odd_size_stays_constant()
    {
        var output = new float[7 * 5];
        HeatmapRenderer.Upsample([0.25f, 0.25f, 0.25f], 3, 1, output, 7, 5);
        Assert.All(output, v => Assert.Equal(0.25f, v));
    }

    [Fact]
    public void Jet_runs_dark_blue_to_green_to_dark_red()
    {
        Assert.Equal(((byte)0, (byte)0, (byte)128), HeatmapRenderer.Color(Colormap.Jet, 0f));
        // 0.5 falls on LUT entry 128 = 0.50196: r = 1.5 - |4·0.50196 - 3| = 0.5078 → 130, b = 0.4922 → 126.
        Assert.Equal(((byte)130, (byte)255, (byte)126), HeatmapRenderer.Color(Colormap.Jet, 0.5f));
        Assert.Equal(((byte)128, (byte)0, (byte)0), HeatmapRenderer.Color(Colormap.Jet, 1f));
        Assert.Equal(HeatmapRenderer.Color(Colormap.Jet, 1f), HeatmapRenderer.Color(Colormap.Jet, 7f));
        Assert.Equal(HeatmapRenderer.Color(Colormap.Jet, 0f), HeatmapRenderer.Color(Colormap.Jet, float.NaN));
    }

    [Fact]
    public void Turbo_is_dark_at_zero_green_in_the_middle_and_red_at_one()
    {
        (byte r0, byte g0, byte b0) = HeatmapRenderer.Color(Colormap.Turbo, 0f);
        Assert.True(r0 + g0 + b0 < 120, "turbo(0) is near black");
        (byte r5, byte g5, byte b5) = HeatmapRenderer.Color(Colormap.Turbo, 0.5f);
        Assert.True(g5 > r5 && g5 > b5 && g5 > 200, $"turbo(0.5) is green, got {r5},{g5},{b5}");
        (byte r1, byte g1, byte b1) = HeatmapRenderer.Color(Colormap.Turbo, 1f);
        Assert.True(r1 > 100 && r1 > 4 * g1 && r1 > 4 * b1, $"turbo(1) is dark red, got {r1},{g1},{b1}");
    }

    [Fact]
    public void Heatmap_png_blends_the_colour_map_over_the_frame_and_reads_back_exactly()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"vrs-heatmap-{Guid.NewGuid():N}");
        try
        {
            var frame = new RgbFrame(6, 4);
            frame.Pixels.AsSpan().Fill(200);
            HeatmapWriter.Write(Path.Combine(folder, "h.png"), [0f, 1f, 0f, 1f], 2, 2, frame, Colormap.Jet, alpha: 0.5f);
            using FrameSource source = FrameSource.Open(folder);
            RgbFrame read = source.Read(0, 1).Single();

            // Left column is 0 → jet (0, 0, 128) blended with 200: (100, 100, 164); right column is 1 → (164, 100, 100).
            Assert.Equal(new byte[] { 100, 100, 164 }, read.Pixels[..3]);
            Assert.Equal(new byte[] { 164, 100, 100 }, read.Pixels[15..18]);
            Assert.Equal("h", read.Name);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
