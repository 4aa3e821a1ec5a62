using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Prompting;
using Vrs.Grounding.Tests.StandIn;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Tests.Prompting;

/// <summary>Several images with text between them: pads expanded per image and get_rope_index's positions, by hand.</summary>
public sealed class QwenInterleavedBuilderTests
{
    private static VisionInput Image(int height, int width) =>
        new(new float[(height / 14) * (width / 14) * QwenVisionConfig.Default.PatchDimension], new VisionGrid(1, height / 14, width / 14), height, width);

    [Fact]
    public void Two_timestamped_images_get_their_own_pads_and_positions_that_restart_at_the_running_text_position()
    {
        // Image A 56×84 px: grid (1, 4, 6), merged 2×3 = 6 pads; image B 28×56 px: grid (1, 2, 4), merged 1×2 = 2 pads.
        BpeTokenizer tokenizer = StandInFiles.Tokenizer;
        QwenSpecialTokens specials = QwenSpecialTokens.From(tokenizer);
        MropeOptions options = MropeOptions.Qwen2Vl with { ImagePadId = specials.ImagePad, VideoPadId = specials.VideoPad };
        QwenInterleavedInputs inputs = QwenInterleavedBuilder.Build(
            tokenizer,
            [ChatContent.FromText("(0s)"), ChatContent.Image, ChatContent.FromText("(5s)"), ChatContent.Image, ChatContent.FromText("Which is red?")],
            [Image(56, 84), Image(28, 56)],
            options);

        // The system turn and "<|im_start|>user\n" are 14 tokens (as in the stand-in tokenizer tests), "(0s)" is 4
        // ("(", "0", "s", ")"), so image A's <|vision_start|> is token 18 and its pads 19–24; <|vision_end|> 25,
        // "(5s)" 26–29, <|vision_start|> 30, image B's pads 31–32, <|vision_end|> 33.
        int[] ids = inputs.Prompt.InputIds;
        Assert.Equal(["(", "0", "s", ")"], ids[14..18].Select(id => tokenizer.IdToToken(id)!));
        Assert.Equal(2, inputs.Prompt.VisionSpans.Count);
        Assert.Equal((19, 6), (inputs.Prompt.VisionSpans[0].Start, inputs.Prompt.VisionSpans[0].Length));
        Assert.Equal((31, 2), (inputs.Prompt.VisionSpans[1].Start, inputs.Prompt.VisionSpans[1].Length));
        Assert.Equal(specials.VisionEnd, ids[33]);

        // Text 0–18 counts 0–18. Image A starts at 19: t = 19, h = 19 + row, w = 19 + column over 2×3; its largest
        // position is 21, so <|vision_end|> is 22 and "(5s)<|vision_start|>" 23–27. Image B starts at 28: (28, 28, 28),
        // (28, 28, 29); the text after it continues at 30, i.e. token i ≥ 33 sits at i − 3.
        long[] t = new long[ids.Length];
        long[] h = new long[ids.Length];
        long[] w = new long[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            long p = i <= 18 ? i : i <= 24 ? 19 : i <= 30 ? i - 3 : i <= 32 ? 28 : i - 3;
            (t[i], h[i], w[i]) = (p, p, p);
        }

        for (int k = 0; k < 6; k++)
        {
            (h[19 + k], w[19 + k]) = (19 + (k / 3), 19 + (k % 3));
        }

        w[32] = 29;
        MropePositionIds positions = inputs.Positions;
        Assert.Equal(t, positions.Axis(0).ToArray());
        Assert.Equal(h, positions.Axis(1).ToArray());
        Assert.Equal(w, positions.Axis(2).ToArray());
        Assert.Equal(-3, positions.RopeDelta);
    }

    [Fact]
    public void Image_parts_and_images_must_pair_up()
    {
        BpeTokenizer tokenizer = StandInFiles.Tokenizer;
        Assert.Throws<ArgumentException>(() => QwenInterleavedBuilder.Build(
            tokenizer, [ChatContent.Image, ChatContent.FromText("x")], [Image(28, 28), Image(28, 28)], MropeOptions.Qwen2Vl));
        Assert.Throws<ArgumentException>(() => QwenInterleavedBuilder.Build(
            tokenizer, [ChatContent.Video, ChatContent.FromText("x")], [], MropeOptions.Qwen2Vl));
    }
}
