namespace Vrs.Grounding.Tokenization;

/// <summary>
/// The control-token ids a Qwen2-VL prompt needs (lvlm-grounding.md §6.1: 151643–151656 in Qwen2-VL, Qwen2.5-VL
/// and Qwen3 files), looked up in the tokenizer rather than hard-coded.
/// </summary>
public sealed record QwenSpecialTokens(
    int EndOfText,
    int ImStart,
    int ImEnd,
    int VisionStart,
    int VisionEnd,
    int VisionPad,
    int ImagePad,
    int VideoPad)
{
    /// <summary>Reads the ids from <paramref name="tokenizer"/>; <see cref="InvalidDataException"/> naming the file when one is missing.</summary>
    public static QwenSpecialTokens From(BpeTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return new QwenSpecialTokens(
            tokenizer.AddedTokenId("<|endoftext|>"),
            tokenizer.AddedTokenId("<|im_start|>"),
            tokenizer.AddedTokenId("<|im_end|>"),
            tokenizer.AddedTokenId("<|vision_start|>"),
            tokenizer.AddedTokenId("<|vision_end|>"),
            tokenizer.AddedTokenId("<|vision_pad|>"),
            tokenizer.AddedTokenId("<|image_pad|>"),
            tokenizer.AddedTokenId("<|video_pad|>"));
    }

    /// <summary>Generation stops at either of these (lvlm-grounding.md §6.1).</summary>
    public IReadOnlyList<int> StopIds => [ImEnd, EndOfText];
}
