using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Prompting;
using Vrs.Grounding.Tokenization;
using Vrs.Onnx;
using C = Vrs.Onnx.Contracts.LvlmContract;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>
/// The host path in miniature for the stand-in: one image and a question → prompt ids, embeddings with the vision rows
/// scattered into the pad positions, the probe, then greedy decoding through the decoder with the KV cache.
/// </summary>
internal sealed class StandInRunner : IDisposable
{
    private readonly InferenceSession _vision = StandInFiles.Open(C.VisionEncoder);
    private readonly InferenceSession _embed = StandInFiles.Open(C.EmbedTokens);
    private readonly InferenceSession _probe = StandInFiles.Open(C.Probe);
    private readonly InferenceSession _decoder = StandInFiles.Open(C.Decoder);

    public static BpeTokenizer Tokenizer => StandInFiles.Tokenizer;

    public void Dispose()
    {
        _vision.Dispose();
        _embed.Dispose();
        _probe.Dispose();
        _decoder.Dispose();
    }

    /// <summary>An image of 28-px cells (one merged token each), <paramref name="cells"/>[y][x] = RGB, as the processor would flatten it.</summary>
    public static VisionInput Image(float[][][] cells)
    {
        QwenVisionConfig config = QwenVisionConfig.Default;
        int height = cells.Length * 28;
        int width = cells[0].Length * 28;
        var frame = new float[3 * height * width];
        for (int c = 0; c < 3; c++)
        {
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    frame[(((c * height) + y) * width) + x] = (cells[y / 28][x / 28][c] - config.Mean[c]) / config.Std[c];
                }
            }
        }

        var grid = new VisionGrid(1, height / 14, width / 14);
        float[] pixels = new float[grid.PatchCount * config.PatchDimension];
        PatchFlattener.Flatten([frame, frame], height, width, config, pixels); // an image fills the temporal patch twice
        return new VisionInput(pixels, grid, height, width);
    }

    /// <summary>The prompt and its prefill embeddings [S·24] for <paramref name="question"/> about <paramref name="image"/>.</summary>
    public (QwenModelInputs Inputs, float[] Embeddings) Prefill(VisionInput image, string question)
    {
        QwenSpecialTokens specials = QwenSpecialTokens.From(Tokenizer);
        MropeOptions options = MropeOptions.Qwen2Vl with { ImagePadId = specials.ImagePad, VideoPadId = specials.VideoPad };
        QwenModelInputs inputs = QwenInputBuilder.ForImage(Tokenizer, image, question, options);
        float[] embeddings = Embed([.. inputs.Prompt.InputIds.Select(i => (long)i)]);
        float[] vision = Vision(image);
        (int start, int length) = inputs.Prompt.VisualRange;
        Assert.Equal(length * L.HiddenSize, vision.Length);
        vision.CopyTo(embeddings, start * L.HiddenSize);
        return (inputs, embeddings);
    }

    public float[] Vision(VisionInput image)
    {
        int patches = image.Grid.PatchCount;
        using OnnxTensor<float> pixels = OnnxTensor.FromArray(image.PixelValues, patches, C.PatchDimension);
        using OnnxTensor<long> grid = OnnxTensor.FromArray<long>([image.Grid.Temporal, image.Grid.Height, image.Grid.Width], 1, 3);
        using RunResult result = _vision.Run((C.PixelValues, pixels), (C.GridThw, grid));
        return result.ToArray<float>(C.ImageEmbeds);
    }

    public float[] Embed(long[] ids)
    {
        using OnnxTensor<long> input = OnnxTensor.FromArray(ids, 1, ids.Length);
        using RunResult result = _embed.Run((C.InputIds, input));
        return result.ToArray<float>(C.InputsEmbeds);
    }

    /// <summary>Runs the probe; the caller disposes the result.</summary>
    public RunResult Probe(QwenModelInputs inputs, float[] embeddings)
    {
        int length = inputs.Prompt.InputIds.Length;
        (int start, int span) = inputs.Prompt.VisualRange;
        using OnnxTensor<float> embeds = OnnxTensor.FromArray(embeddings, 1, length, L.HiddenSize);
        using OnnxTensor<long> mask = OnnxTensor.FromArray(Enumerable.Repeat(1L, length).ToArray(), 1, length);
        using OnnxTensor<long> positions = OnnxTensor.FromArray(inputs.Positions.Positions, 3, 1, length);
        using OnnxTensor<long> visualSpan = OnnxTensor.FromArray<long>([start, span], 2);
        return _probe.Run((C.InputsEmbeds, embeds), (C.AttentionMask, mask), (C.PositionIds, positions), (C.VisualSpan, visualSpan));
    }

    /// <summary>Greedy decoding as the host does it: the probe's last logits, then one decoder step per token with the grown cache.</summary>
    public int[] Generate(VisionInput image, string question, int maxTokens = 40)
    {
        (QwenModelInputs inputs, float[] embeddings) = Prefill(image, question);
        QwenSpecialTokens specials = QwenSpecialTokens.From(Tokenizer);
        int length = inputs.Prompt.InputIds.Length;
        float[] keys;
        float[] values;
        int next;
        using (RunResult probe = Probe(inputs, embeddings))
        {
            next = LastArgMax(probe);
            keys = probe.ToArray<float>(C.PresentKeys);
            values = probe.ToArray<float>(C.PresentValues);
        }

        var tokens = new List<int>();
        long position = inputs.Positions.Positions.Max() + 1;
        while (!specials.StopIds.Contains(next) && tokens.Count < maxTokens)
        {
            tokens.Add(next);
            long[] cacheShape = [4, 1, 1, length, L.HiddenSize];
            using OnnxTensor<float> embeds = OnnxTensor.FromArray(Embed([next]), 1, 1, L.HiddenSize);
            using OnnxTensor<long> mask = OnnxTensor.FromArray(Enumerable.Repeat(1L, length + 1).ToArray(), 1, length + 1);
            using OnnxTensor<long> positions = OnnxTensor.FromArray<long>([position, position, position], 3, 1, 1);
            using OnnxTensor<float> pastKeys = OnnxTensor.FromArray(keys, cacheShape);
            using OnnxTensor<float> pastValues = OnnxTensor.FromArray(values, cacheShape);
            using RunResult step = _decoder.Run(
                (C.InputsEmbeds, embeds), (C.AttentionMask, mask), (C.PositionIds, positions), (C.PastKeys, pastKeys), (C.PastValues, pastValues));
            Assert.Equal([4, 1, 1, length + 1, L.HiddenSize], step.GetShape(C.PresentKeys));
            next = LastArgMax(step);
            keys = step.ToArray<float>(C.PresentKeys);
            values = step.ToArray<float>(C.PresentValues);
            length++;
            position++;
        }

        return [.. tokens];
    }

    private static int LastArgMax(RunResult result)
    {
        long[] shape = result.GetShape(C.Logits);
        int vocab = (int)shape[2];
        ReadOnlySpan<float> last = result.GetData<float>(C.Logits).Slice((int)((shape[1] - 1) * vocab), vocab);
        int best = 0;
        for (int i = 1; i < vocab; i++)
        {
            if (last[i] > last[best])
            {
                best = i;
            }
        }

        return best;
    }
}
