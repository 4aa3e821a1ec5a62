using Vrs.Grounding.Positions;
using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Prompting;

namespace Vrs.Grounding.Runtime;

/// <summary>
/// One prompt ready for the probe: ids (soft-prompt slots included), 3-D positions, where the vision block and the soft
/// rows sit, and the vision input that fills the pads.
/// </summary>
public sealed record LvlmPrompt(int[] InputIds, MropePositionIds Positions, VisionSpan Vision, VisionInput VisionInput, int SoftStart, int SoftRows, bool IsVideo)
{
    /// <summary>DecAF's visual key span: first to last pad of the vision block.</summary>
    public (int Start, int Length) VisualRange => (Vision.Start, Vision.Length);

    /// <summary>
    /// Renders the single-turn template around one image or video and <paramref name="question"/>, expands the pads,
    /// makes room for the model's soft prompt, and computes the M-RoPE positions (the soft rows count as text).
    /// </summary>
    /// <exception cref="LvlmInputException">The question is empty, or prompt + <paramref name="answerBudget"/> exceed the model's context.</exception>
    public static LvlmPrompt Build(LvlmModel model, VisionInput vision, bool isVideo, string question, int answerBudget, float secondsPerGrid = 1f)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(vision);
        LvlmInputException.RequireQuery(question);

        ChatContent item = isVideo ? ChatContent.Video : ChatContent.Image;
        string rendered = QwenChatTemplate.Render([ChatMessage.User(item, ChatContent.FromText(question))]);
        int merge = model.Settings.Vision.MergeSize;
        QwenPrompt prompt = QwenPrompt.Build(model.Tokenizer, model.Specials, rendered, isVideo ? [] : [vision.Grid], isVideo ? [vision.Grid] : [], merge);
        int[] ids = prompt.InputIds;
        int softStart = -1;
        int softRows = 0;
        VisionSpan span = prompt.VisionSpans[0];
        if (model.SoftPrompt(isVideo).Spec is { } soft)
        {
            // Placeholder ids that get_rope_index treats as text (lvlm-grounding.md §5); their rows are overwritten.
            softStart = SoftPromptSlot(ids, model, soft.Insertion);
            softRows = soft.Rows;
            ids = [.. ids[..softStart], .. Enumerable.Repeat(model.Specials.EndOfText, softRows), .. ids[softStart..]];
            if (softStart <= span.Start)
            {
                span = span with { Start = span.Start + softRows };
            }
        }

        int total = ids.Length + answerBudget;
        if (total > model.Settings.MaxContext)
        {
            int visual = prompt.VisionSpans[0].Length;
            throw new LvlmInputException(
                $"the prompt needs {ids.Length} tokens ({visual} for the {(isVideo ? "video" : "image")}) plus {answerBudget} for the answer, "
                + $"but {model.Settings.ModelName} takes at most {model.Settings.MaxContext}; use fewer --frames or a smaller --max-pixels");
        }

        MropeOptions options = model.Settings.Mrope(model.Specials.ImagePad, model.Specials.VideoPad);
        MropePositionIds positions = MropePositionIds.Compute(ids, isVideo ? [] : [vision.Grid], isVideo ? [vision.Grid] : [], options, [secondsPerGrid]);
        return new LvlmPrompt(ids, positions, span, vision, softStart, softRows, isVideo);
    }

    /// <summary>Where the soft rows go: first of all, after the last &lt;|vision_end|&gt;, or before the &lt;|im_end|&gt; that closes the user turn.</summary>
    private static int SoftPromptSlot(int[] ids, LvlmModel model, SoftPromptInsertion insertion)
    {
        if (insertion == SoftPromptInsertion.Start)
        {
            return 0;
        }

        int visionEnd = Array.LastIndexOf(ids, model.Specials.VisionEnd);
        if (visionEnd < 0)
        {
            throw new InvalidOperationException("a grounding prompt always holds a vision block");
        }

        if (insertion == SoftPromptInsertion.BeforeQuestion)
        {
            return visionEnd + 1;
        }

        int end = Array.IndexOf(ids, model.Specials.ImEnd, visionEnd);
        return end >= 0 ? end : throw new InvalidOperationException("the user turn is not closed by <|im_end|>");
    }

    /// <summary>The probe's input embeddings: token embeddings, vision rows in the pads, soft rows in their slots.</summary>
    public float[] Embeddings(LvlmModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Embeddings(model, model.EncodeVision(VisionInput, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The same with the vision rows already encoded (<see cref="LvlmModel.EncodeVision"/> of this prompt's
    /// <see cref="VisionInput"/>): prompts over the same frames share one vision-encoder run.
    /// </summary>
    public float[] Embeddings(LvlmModel model, float[] visionRows, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(visionRows);
        int hidden = model.Settings.HiddenSize;
        if (visionRows.Length != Vision.Length * hidden)
        {
            throw new ArgumentException($"{visionRows.Length / hidden} vision rows given for {Vision.Length} pads", nameof(visionRows));
        }

        float[] embeddings = model.Embed(InputIds, cancellationToken);
        visionRows.CopyTo(embeddings.AsSpan(Vision.Start * hidden, Vision.Length * hidden));
        if (SoftRows > 0)
        {
            model.SoftPrompt(IsVideo).Rows.AsSpan().CopyTo(embeddings.AsSpan(SoftStart * hidden, SoftRows * hidden));
        }

        return embeddings;
    }
}
