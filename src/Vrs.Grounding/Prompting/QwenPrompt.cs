using Vrs.Grounding.Preprocessing;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.Prompting;

/// <summary>
/// A tokenized Qwen2-VL prompt: the rendered template encoded with the tokenizer, every image/video pad expanded to the
/// item's grid_t·grid_h·grid_w / merge² copies in order (as <c>processing_qwen2_vl.py</c>), and where the pads are.
/// </summary>
public sealed record QwenPrompt(int[] InputIds, IReadOnlyList<VisionSpan> VisionSpans)
{
    /// <summary>The query position DecAF reads: the last prompt token (the end of the generation prefix).</summary>
    public int QueryIndex => InputIds.Length - 1;

    /// <summary>
    /// DecAF's visual key span for V-Max: from the first to the last pad token of the prompt (text between two vision
    /// blocks falls inside it, as in the reference).
    /// </summary>
    public (int Start, int Length) VisualRange => VisionSpans.Count == 0
        ? throw new InvalidOperationException("the prompt has no vision tokens")
        : (VisionSpans[0].Start, VisionSpans[^1].Start + VisionSpans[^1].Length - VisionSpans[0].Start);

    /// <param name="imageGrids">Grids of the image items in prompt order.</param>
    /// <param name="videoGrids">Grids of the video items in prompt order.</param>
    public static QwenPrompt Build(
        BpeTokenizer tokenizer,
        QwenSpecialTokens specials,
        string rendered,
        IReadOnlyList<VisionGrid> imageGrids,
        IReadOnlyList<VisionGrid> videoGrids,
        int mergeSize = 2)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(specials);
        ArgumentNullException.ThrowIfNull(rendered);
        ArgumentNullException.ThrowIfNull(imageGrids);
        ArgumentNullException.ThrowIfNull(videoGrids);
        int[] ids = tokenizer.Encode(rendered);
        List<int> expanded = new(ids.Length + imageGrids.Sum(g => g.TokenCount(mergeSize)) + videoGrids.Sum(g => g.TokenCount(mergeSize)));
        List<VisionSpan> spans = [];
        int images = 0;
        int videos = 0;
        foreach (int id in ids)
        {
            if (id != specials.ImagePad && id != specials.VideoPad)
            {
                expanded.Add(id);
                continue;
            }

            bool isVideo = id == specials.VideoPad;
            IReadOnlyList<VisionGrid> grids = isVideo ? videoGrids : imageGrids;
            int index = isVideo ? videos++ : images++;
            if (index >= grids.Count)
            {
                throw new ArgumentException($"the prompt has more {(isVideo ? "video" : "image")} placeholders than the {grids.Count} grids given");
            }

            int count = grids[index].TokenCount(mergeSize);
            spans.Add(new VisionSpan(isVideo, index, expanded.Count, count, grids[index]));
            for (int i = 0; i < count; i++)
            {
                expanded.Add(id);
            }
        }

        if (images != imageGrids.Count || videos != videoGrids.Count)
        {
            throw new ArgumentException($"{imageGrids.Count} image and {videoGrids.Count} video grids given, but the prompt has {images} image and {videos} video placeholders");
        }

        return new QwenPrompt(expanded.ToArray(), spans);
    }
}

/// <summary>Where one vision item's pad tokens sit in the expanded ids: [Start, Start + Length).</summary>
public sealed record VisionSpan(bool IsVideo, int ItemIndex, int Start, int Length, VisionGrid Grid);
