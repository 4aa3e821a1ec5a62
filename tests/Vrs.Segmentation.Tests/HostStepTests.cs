namespace Vrs.Segmentation.Tests;

/// <summary>The pure host steps: candidate choice, stability, hole filling, upsampling, non-overlap, prompts.</summary>
public sealed class HostStepTests
{
    private static readonly Sam2Settings s_settings = new();

    [Fact]
    public void One_click_uses_multimask_and_takes_mask_and_pointer_from_the_best_iou_token()
    {
        float[] stable = [5, 5, -5, -5];
        CandidateChoice choice = MaskCandidateSelector.Choose(stable, [0.99f, 0.5f, 0.7f, 0.6f], 1, s_settings);
        Assert.Equal(new CandidateChoice(2, 2, true), choice);
        Assert.Equal(new CandidateChoice(2, 2, true), MaskCandidateSelector.Choose(stable, [0.99f, 0.5f, 0.7f, 0.6f], 0, s_settings));
    }

    [Fact]
    public void Two_points_use_token_0_when_stable_and_the_best_multimask_when_not_with_the_pointer_always_from_token_0()
    {
        float[] iou = [0.9f, 0.3f, 0.4f, 0.8f];
        Assert.Equal(new CandidateChoice(0, 0, false), MaskCandidateSelector.Choose([5f, 5f, -5f, -5f], iou, 2, s_settings));
        // 1 of 2 pixels above +0.05, 2 above −0.05: stability 0.5 < 0.98.
        Assert.Equal(new CandidateChoice(3, 0, false), MaskCandidateSelector.Choose([5f, 0f, -5f, -5f], iou, 2, s_settings));
    }

    [Fact]
    public void Stability_is_one_for_an_empty_mask()
    {
        Assert.Equal(1f, MaskCandidateSelector.StabilityScore([-1f, -2f], 0.05f));
        Assert.Equal(0.5f, MaskCandidateSelector.StabilityScore([1f, 0.01f, -1f], 0.05f));
    }

    [Fact]
    public void Small_background_holes_are_filled_and_large_ones_and_the_outside_are_not()
    {
        const int W = 12;
        const int H = 8;
        var logits = new float[W * H];
        Array.Fill(logits, -1f);
        // Foreground ring around a 2x2 hole (4 px) at (2..3, 2..3), and a ring around a 3x3 hole (9 px) at (7..9, 2..4).
        for (int y = 1; y <= 6; y++)
        {
            for (int x = 1; x <= 10; x++)
            {
                logits[(y * W) + x] = 1f;
            }
        }

        foreach ((int x, int y) in new[] { (2, 2), (3, 2), (2, 3), (3, 3) })
        {
            logits[(y * W) + x] = -1f;
        }

        for (int y = 2; y <= 4; y++)
        {
            for (int x = 7; x <= 9; x++)
            {
                logits[(y * W) + x] = -1f;
            }
        }

        int filled = new HoleFiller().Fill(logits, W, H, maxArea: 8);
        Assert.Equal(4, filled);
        Assert.Equal(0.1f, logits[(2 * W) + 2]);
        Assert.Equal(-1f, logits[(3 * W) + 8]);
        Assert.Equal(-1f, logits[0]);
    }

    [Fact]
    public void Holes_connect_diagonally()
    {
        // Two background pixels touching only at a corner form one 8-connected component of 2 px.
        var logits = new float[] { 1, 1, 1, 1, 1, -1, 1, 1, 1, 1, -1, 1, 1, 1, 1, 1 };
        Assert.Equal(0, new HoleFiller().Fill(logits, 4, 4, maxArea: 1)); // 2 px > 1: nothing filled
        Assert.Equal(2, new HoleFiller().Fill(logits, 4, 4, maxArea: 2));
    }

    [Theory]
    [InlineData(256, 256, 8, 0.5)]
    [InlineData(256, 256, 8, 0.85)]
    [InlineData(33, 17, 3, 0.6)]
    [InlineData(1, 40, 2, 0.5)]
    [InlineData(40, 1, 2, 0.5)]
    public void Run_based_filling_fills_exactly_what_a_pixel_flood_fill_does(int width, int height, int maxArea, double foreground)
    {
        var random = new Random(width * 31 + height);
        for (int trial = 0; trial < 20; trial++)
        {
            float[] logits = [.. Enumerable.Range(0, width * height).Select(_ => random.NextDouble() < foreground ? 1f : -1f)];
            float[] expected = (float[])logits.Clone();
            int expectedFilled = FloodFill(expected, width, height, maxArea);
            int filled = new HoleFiller().Fill(logits, width, height, maxArea);
            Assert.Equal(expectedFilled, filled);
            Assert.Equal(expected, logits);
        }
    }

    /// <summary>The straightforward definition: flood each 8-connected component of logits ≤ 0 pixel by pixel.</summary>
    private static int FloodFill(float[] logits, int width, int height, int maxArea)
    {
        var label = new int[logits.Length];
        var pixels = new List<int>();
        int filled = 0;
        for (int start = 0; start < logits.Length; start++)
        {
            if (label[start] != 0 || !(logits[start] <= 0))
            {
                continue;
            }

            pixels.Clear();
            var stack = new Stack<int>([start]);
            label[start] = 1;
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                pixels.Add(p);
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int x = (p % width) + dx;
                        int y = (p / width) + dy;
                        int q = (y * width) + x;
                        if (x >= 0 && x < width && y >= 0 && y < height && label[q] == 0 && logits[q] <= 0)
                        {
                            label[q] = 1;
                            stack.Push(q);
                        }
                    }
                }
            }

            if (pixels.Count <= maxArea)
            {
                pixels.ForEach(p => logits[p] = 0.1f);
                filled += pixels.Count;
            }
        }

        return filled;
    }

    [Fact]
    public void Bilinear_upsampling_matches_align_corners_false()
    {
        // torch: F.interpolate([[0, 1], [2, 3]], size=(4, 4), mode="bilinear", align_corners=False)
        float[] expected =
        [
            0.0f, 0.25f, 0.75f, 1.0f,
            0.5f, 0.75f, 1.25f, 1.5f,
            1.5f, 1.75f, 2.25f, 2.5f,
            2.0f, 2.25f, 2.75f, 3.0f,
        ];
        var output = new float[16];
        new MaskUpsampler(2, 2, 4, 4).Upsample([0, 1, 2, 3], output);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void The_thresholded_mask_equals_the_upsampled_logits_above_0_on_any_width()
    {
        var random = new Random(7);
        float[] source = [.. Enumerable.Range(0, 256 * 256).Select(_ => (float)(random.NextDouble() - 0.5))];
        var upsampler = new MaskUpsampler(256, 256, 1001, 37);
        var logits = new float[1001 * 37];
        var mask = new byte[1001 * 37];
        upsampler.Upsample(source, logits);
        upsampler.UpsampleToMask(source, mask, 0f, 9);
        Assert.Equal(logits.Select(v => v > 0 ? (byte)9 : (byte)0), mask);
    }

    [Fact]
    public void Non_overlap_gives_each_pixel_to_the_highest_logit()
    {
        var a = new float[256 * 256];
        var b = new float[256 * 256];
        Array.Fill(a, 2f);
        Array.Fill(b, 1f);
        b[0] = 5f;
        var frame = new Sam2FrameResult(0, [new Sam2ObjectResult(1, a, 1, 1), new Sam2ObjectResult(2, b, 1, 1)]);
        var masks = new[] { new byte[256 * 256], new byte[256 * 256] };
        var renderer = new Sam2MaskRenderer(256, 256);
        renderer.Render(frame, masks, nonOverlap: true, on: 1);
        Assert.Equal(0, masks[0][0]);
        Assert.Equal(1, masks[1][0]);
        Assert.Equal(256 * 256 - 1, masks[0].Count(v => v == 1));
        renderer.Render(frame, masks, nonOverlap: false, on: 1);
        Assert.All(masks[1], v => Assert.Equal(1, v));
    }

    [Fact]
    public void A_box_becomes_two_corner_points_top_left_first()
    {
        (PointPrompt tl, PointPrompt br) = new BoxPrompt(50, 40, 10, 20).AsCornerPoints();
        Assert.Equal(new PointPrompt(10, 20, PointLabel.BoxTopLeft), tl);
        Assert.Equal(new PointPrompt(50, 40, PointLabel.BoxBottomRight), br);
    }

    [Fact]
    public void Frames_are_normalised_with_the_imagenet_mean_and_std()
    {
        var output = new float[3];
        FrameNormalizer.Normalize([255, 0, 128], output, 1, s_settings.ImageMean, s_settings.ImageStd);
        Assert.Equal((1 - 0.485f) / 0.229f, output[0], 4);
        Assert.Equal(-0.456f / 0.224f, output[1], 4);
        Assert.Equal(((128 / 255f) - 0.406f) / 0.225f, output[2], 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(16 * 37 + 9)]
    public void Vector_blocks_and_the_scalar_tail_give_the_reference_bits_in_every_channel(int pixels)
    {
        byte[] rgb = new byte[pixels * 3];
        new Random(pixels).NextBytes(rgb);
        var output = new float[pixels * 3];
        FrameNormalizer.Normalize(rgb, output, pixels, s_settings.ImageMean, s_settings.ImageStd);
        for (int i = 0; i < pixels; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                float expected = ((rgb[(3 * i) + c] / 255f) - s_settings.ImageMean[c]) / s_settings.ImageStd[c];
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(output[(c * pixels) + i]));
            }
        }
    }

    [Fact]
    public void Every_byte_value_normalises_exactly_as_the_reference_formula_in_float32()
    {
        byte[] rgb = new byte[256 * 3];
        for (int v = 0; v < 256; v++)
        {
            rgb[3 * v] = (byte)v;
            rgb[(3 * v) + 1] = (byte)(255 - v);
            rgb[(3 * v) + 2] = (byte)((v * 7) % 256);
        }

        var output = new float[256 * 3];
        FrameNormalizer.Normalize(rgb, output, 256, s_settings.ImageMean, s_settings.ImageStd);
        for (int i = 0; i < 256; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                float expected = ((rgb[(3 * i) + c] / 255f) - s_settings.ImageMean[c]) / s_settings.ImageStd[c];
                Assert.Equal(expected, output[(c * 256) + i]);
            }
        }
    }
}
