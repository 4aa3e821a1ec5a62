using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Prompting;
using Vrs.Grounding.Rollout;
using Vrs.Grounding.Tests.Preprocessing;
using Vrs.Grounding.Tests.Tokenization;

namespace Vrs.Grounding.Tests.Prompting;

public sealed class QwenInputBuilderTests
{
    [Fact]
    public void A_video_prompt_lines_up_pixels_pads_and_positions()
    {
        // 3 frames of 120×90 under 400·28² → 112×84, padded to 4 frames: grid (2, 6, 8) → 2·3·4 = 24 video tokens.
        byte[][] frames = [.. new[] { 1, 2, 3 }.Select(s => QwenVisionGolden.SyntheticImage(120, 90, s))];
        VisionInput video = new QwenVisionPreprocessor().PreprocessVideo([.. frames.Select(f => (ReadOnlyMemory<byte>)f)], 120, 90, PixelLimits.ForTokens(400));
        Assert.Equal(new VisionGrid(2, 6, 8), video.Grid);

        QwenModelInputs inputs = QwenInputBuilder.ForVideo(QwenTokenizerFile.Tokenizer, video, "the red ball.", MropeOptions.Qwen25Vl);
        VisionSpan span = Assert.Single(inputs.Prompt.VisionSpans);
        Assert.Equal(24, span.Length);
        Assert.Equal(video.Grid.PatchCount / 4, span.Length);

        // The 15-token head ends with <|vision_start|>, so the block starts at position 15 on every axis.
        Assert.Equal(15, span.Start);
        MropePositionIds p = inputs.Positions;
        Assert.Equal((15L, 15L, 15L), (p.Axis(0)[15], p.Axis(1)[15], p.Axis(2)[15]));

        // Last pad: t = 1·1.0·2 = 2, row 2, column 3; the next token continues at max + 1 = 15 + 3 + 1.
        int last = span.Start + span.Length - 1;
        Assert.Equal((17L, 17L, 18L), (p.Axis(0)[last], p.Axis(1)[last], p.Axis(2)[last]));
        Assert.Equal(19L, p.Axis(0)[last + 1]);
        Assert.Equal(p.Axis(0)[inputs.Prompt.QueryIndex] + 1 - inputs.Prompt.InputIds.Length, p.RopeDelta);
        Assert.Equal((15, 24), inputs.Prompt.VisualRange);

        // A rollout row read back onto the merged grid: entry k of the span is (t, y, x) in raster order.
        float[] row = new float[inputs.Prompt.InputIds.Length];
        for (int k = 0; k < span.Length; k++)
        {
            row[span.Start + k] = k;
        }

        TokenMap map = TokenMap.FromRolloutRow(row, span);
        Assert.Equal((2, 3, 4), (map.Frames, map.Height, map.Width));
        Assert.Equal(12f + 4f + 3f, map[1, 1, 3]);
    }

    [Fact]
    public void Frame_mode_maps_stack_one_slice_per_frame()
    {
        TokenMap a = new(1, 1, 2, [1f, 2f]);
        TokenMap b = new(1, 1, 2, [3f, 4f]);
        TokenMap stacked = TokenMap.Stack([a, b]);
        Assert.Equal((2, 1, 2), (stacked.Frames, stacked.Height, stacked.Width));
        Assert.Equal([1f, 2f, 3f, 4f], stacked.Values);
        Assert.Throws<ArgumentException>(() => TokenMap.Stack([a, new TokenMap(1, 2, 1)]));
    }

    [Fact]
    public void An_empty_question_is_refused()
    {
        VisionInput image = new QwenVisionPreprocessor().PreprocessImage(QwenVisionGolden.SyntheticImage(56, 56, 1), 56, 56, PixelLimits.Default);
        Assert.Throws<ArgumentException>(() => QwenInputBuilder.ForImage(QwenTokenizerFile.Tokenizer, image, "  ", MropeOptions.Qwen2Vl));
    }
}
