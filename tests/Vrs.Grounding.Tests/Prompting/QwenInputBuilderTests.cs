using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Prompting;
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
    }

    [Fact]
    public void An_empty_question_is_refused()
    {
        VisionInput image = new QwenVisionPreprocessor().PreprocessImage(QwenVisionGolden.SyntheticImage(56, 56, 1), 56, 56, PixelLimits.Default);
        Assert.Throws<ArgumentException>(() => QwenInputBuilder.ForImage(QwenTokenizerFile.Tokenizer, image, "  ", MropeOptions.Qwen2Vl));
    }
}
