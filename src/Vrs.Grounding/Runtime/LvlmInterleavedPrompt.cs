using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Prompting;

namespace Vrs.Grounding.Runtime;

/// <summary>
/// A prompt for the probe with several images and text between them (<see cref="QwenInterleavedBuilder"/>), checked
/// against the model's context. No soft prompt: DecAF's learned rows belong to its one-vision-block prompts, and the
/// models asked this way (Veason-R1) were fine-tuned without one.
/// </summary>
public sealed record LvlmInterleavedPrompt(int[] InputIds, MropePositionIds Positions, IReadOnlyList<VisionSpan> Images)
{
    /// <summary>DecAF's visual key span: from the first image's first pad to the last image's last pad.</summary>
    public (int Start, int Length) VisualRange => (Images[0].Start, Images[^1].Start + Images[^1].Length - Images[0].Start);

    /// <exception cref="LvlmInputException">Prompt + <paramref name="answerBudget"/> exceed the model's context.</exception>
    public static LvlmInterleavedPrompt Build(LvlmModel model, IReadOnlyList<ChatContent> parts, IReadOnlyList<VisionInput> images, int answerBudget)
    {
        ArgumentNullException.ThrowIfNull(model);
        MropeOptions options = model.Settings.Mrope(model.Specials.ImagePad, model.Specials.VideoPad);
        QwenInterleavedInputs inputs = QwenInterleavedBuilder.Build(model.Tokenizer, parts, images, options, model.Settings.Vision.MergeSize);
        int[] ids = inputs.Prompt.InputIds;
        if (ids.Length + answerBudget > model.Settings.MaxContext)
        {
            int visual = inputs.Prompt.VisionSpans.Sum(s => s.Length);
            throw new LvlmInputException(
                $"the prompt needs {ids.Length} tokens ({visual} for {images.Count} images) plus {answerBudget} for the answer, "
                + $"but {model.Settings.ModelName} takes at most {model.Settings.MaxContext}; show fewer or smaller frames");
        }

        return new LvlmInterleavedPrompt(ids, inputs.Positions, inputs.Prompt.VisionSpans);
    }

    /// <summary>Token embeddings with each image's encoded rows (<see cref="LvlmModel.EncodeVision"/>, one call per image) in its pads.</summary>
    public float[] Embeddings(LvlmModel model, IReadOnlyList<float[]> visionRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(visionRows);
        if (visionRows.Count != Images.Count)
        {
            throw new ArgumentException($"{visionRows.Count} encoded images given for {Images.Count} image blocks", nameof(visionRows));
        }

        int hidden = model.Settings.HiddenSize;
        float[] embeddings = model.Embed(InputIds, cancellationToken);
        for (int i = 0; i < Images.Count; i++)
        {
            VisionSpan span = Images[i];
            if (visionRows[i].Length != span.Length * hidden)
            {
                throw new ArgumentException($"image {i}: {visionRows[i].Length / hidden} vision rows given for {span.Length} pads", nameof(visionRows));
            }

            visionRows[i].CopyTo(embeddings.AsSpan(span.Start * hidden, span.Length * hidden));
        }

        return embeddings;
    }
}
