using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.StandIn;
using Vrs.Onnx;
using C = Vrs.Onnx.Contracts.LvlmContract;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>embed_tokens and vision_encoder through ONNX Runtime, against hand-worked rows.</summary>
public sealed class StandInGraphTests
{
    [Fact]
    public void Embed_tokens_marks_colour_words_box_words_keyframe_words_digits_and_im_start_and_nothing_else()
    {
        StandInTokenizer vocabulary = StandInFiles.Vocabulary;
        long[] ids =
        [
            vocabulary.Id("<|im_start|>"), vocabulary.WordId(" Red"), vocabulary.WordId("purple"), vocabulary.WordId(" bounding"), vocabulary.WordId(" the"), 'x',
            vocabulary.WordId(" timestamp"), vocabulary.Id("7"), vocabulary.Id("0"),
        ];
        using InferenceSession session = StandInFiles.OpenEmbedTokens();
        using OnnxTensor<long> input = OnnxTensor.FromArray(ids, 1, ids.Length);
        using RunResult result = session.Run((C.InputIds, input));
        Assert.Equal([1, ids.Length, L.HiddenSize], result.GetShape(C.InputsEmbeds));
        float[] rows = result.ToArray<float>(C.InputsEmbeds);
        float[] expected = new float[ids.Length * L.HiddenSize];
        expected[(0 * L.HiddenSize) + L.ImStart] = 1f;
        expected[(1 * L.HiddenSize) + L.ColourWord + 0] = 1f;   // red
        expected[(2 * L.HiddenSize) + L.ColourWord + 5] = 1f;   // purple
        expected[(3 * L.HiddenSize) + L.BoxWord] = 1f;
        expected[(6 * L.HiddenSize) + L.KeyframeWord] = 1f;
        expected[(7 * L.HiddenSize) + L.Digit] = 1f;
        expected[(7 * L.HiddenSize) + L.DigitValue] = 7f;
        expected[(8 * L.HiddenSize) + L.Digit] = 1f;     // 0 is a digit whose value is 0
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Vision_encoder_gives_each_merged_cell_its_colour_centre_size_and_time()
    {
        // 4 frames of 56×84 px: grid (2, 4, 6) patches, merged 2×3 cells per temporal slot. Grey background; a red
        // block fills cell (x 0, y 0) in frames 0–1 and a blue block fills cell (x 2, y 1) in frames 2–3.
        const int Height = 56;
        const int Width = 84;
        QwenVisionConfig config = QwenVisionConfig.Default;
        var frames = new List<float[]>();
        for (int f = 0; f < 4; f++)
        {
            (int cx, int cy, float[] colour) = f < 2 ? (0, 0, new[] { 1f, 0f, 0f }) : (2, 1, new[] { 0f, 0f, 1f });
            var frame = new float[3 * Height * Width];
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < Height; y++)
                {
                    for (int x = 0; x < Width; x++)
                    {
                        bool inBlock = x / 28 == cx && y / 28 == cy;
                        float v = inBlock ? colour[c] : 0.5f;
                        frame[(((c * Height) + y) * Width) + x] = (v - config.Mean[c]) / config.Std[c];
                    }
                }
            }

            frames.Add(frame);
        }

        const int Patches = 2 * 4 * 6;
        float[] pixels = new float[Patches * config.PatchDimension];
        PatchFlattener.Flatten(frames, Height, Width, config, pixels);

        using InferenceSession session = StandInFiles.OpenVisionEncoder();
        using OnnxTensor<float> pixelTensor = OnnxTensor.FromArray(pixels, Patches, config.PatchDimension);
        using OnnxTensor<long> grid = OnnxTensor.FromArray<long>([2, 4, 6], 1, 3);
        using RunResult result = session.Run((C.PixelValues, pixelTensor), (C.GridThw, grid));
        Assert.Equal([12, L.HiddenSize], result.GetShape(C.ImageEmbeds));
        float[] rows = result.ToArray<float>(C.ImageEmbeds);
        for (int i = 0; i < 12; i++)
        {
            int t = i / 6;
            int y = (i / 3) % 2;
            int x = i % 3;
            bool red = t == 0 && x == 0 && y == 0;
            bool blue = t == 1 && x == 2 && y == 1;
            float[] rgb = red ? [1f, 0f, 0f] : blue ? [0f, 0f, 1f] : [0.5f, 0.5f, 0.5f];
            float[] expected = new float[L.HiddenSize];
            rgb.CopyTo(expected, L.Rgb);
            expected[L.Visual] = 1f;
            expected[L.CentreX] = (x + 0.5f) / 3f;
            expected[L.CentreY] = (y + 0.5f) / 2f;
            expected[L.CellWidth] = 1f / 3f;
            expected[L.CellHeight] = 0.5f;
            expected[L.Time] = t;
            for (int k = 0; k < L.HiddenSize; k++)
            {
                Assert.True(Math.Abs(expected[k] - rows[(i * L.HiddenSize) + k]) < 1e-5f, $"token {i} channel {k}: {rows[(i * L.HiddenSize) + k]}, want {expected[k]}");
            }
        }
    }
}
