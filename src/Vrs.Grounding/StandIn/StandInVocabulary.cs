using System.Text;
using Vrs.Grounding.Tokenization;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// The words the stand-in tokenizer knows as whole tokens, grouped by what the graphs do with them. A leading space is
/// part of the word (" red" is the token "Ġred"), as the Qwen2 pre-tokenizer splits text.
/// </summary>
internal static class StandInVocabulary
{
    /// <summary>The Qwen control tokens by their real names, in their real order (ids 151643–151656 in Qwen2-VL).</summary>
    public static IReadOnlyList<string> SpecialTokens { get; } =
    [
        "<|endoftext|>",
        "<|im_start|>",
        "<|im_end|>",
        "<|object_ref_start|>",
        "<|object_ref_end|>",
        "<|box_start|>",
        "<|box_end|>",
        "<|quad_start|>",
        "<|quad_end|>",
        "<|vision_start|>",
        "<|vision_end|>",
        "<|vision_pad|>",
        "<|image_pad|>",
        "<|video_pad|>",
    ];

    /// <summary>The chat template's own words (roles and the default system prompt "You are a helpful assistant.").</summary>
    public static IReadOnlyList<string> TemplateWords { get; } = ["system", "user", "assistant", "You", " are", " a", " helpful", " assistant"];

    /// <summary>Words that switch the answer head to a box answer.</summary>
    public static IReadOnlyList<string> BoxWords { get; } = ["box", " box", "Box", " Box", "bbox", " bbox", "bounding", " bounding"];

    /// <summary>Words after which colour words stop counting ("excluding any red object" names no target).</summary>
    public static IReadOnlyList<string> NegationWords { get; } =
        ["excluding", " excluding", "Excluding", "except", " except", "without", " without", "not", " not", "Not"];

    /// <summary>Words that switch the answer head to Veason-R1's keyframe answer (the question asks for a timestamp).</summary>
    public static IReadOnlyList<string> KeyframeWords { get; } = ["timestamp", " timestamp"];

    /// <summary>The answer head's own words besides the colours.</summary>
    public static IReadOnlyList<string> AnswerWords { get; } = ["object", " object", "none", " none"];

    /// <summary>Common question words, and those of the grounding prompts, so a realistic prompt is not all bytes.</summary>
    public static IReadOnlyList<string> QueryWords { get; } =
    [
        "the", " the", "The", "What", " What", " is", " colour", " color", " of", " in", " image", " video", " frame",
        "Please", " Please", " segment", " which", " where", " Where", " and", " its", " main", " or", " objects",
        " expression", " question", " above", " refers", " to", " Name", " primary", " subject", " agent", " not",
        " surroundings", " Answer", " with", " single", " word", " such", " as", " cat", " person", " dog",
        " Describe", " background", " scene", " excluding", " any", " phrase", " output", " Output", " coordinates",
    ];

    /// <summary>Every spelling of colour <paramref name="colour"/>'s name: red, " red", Red, " Red".</summary>
    public static IEnumerable<string> ColourSpellings(int colour)
    {
        string name = StandInPalette.Names[colour];
        string capital = char.ToUpperInvariant(name[0]) + name[1..];
        return [name, " " + name, capital, " " + capital];
    }

    /// <summary>Every word that must be one token, in the order merges are made for them.</summary>
    public static IEnumerable<string> AllWords() =>
        TemplateWords
            .Concat(Enumerable.Range(0, StandInPalette.Count).SelectMany(ColourSpellings))
            .Concat(BoxWords)
            .Concat(NegationWords)
            .Concat(KeyframeWords)
            .Concat(AnswerWords)
            .Concat(QueryWords)
            .Distinct(StringComparer.Ordinal);

    /// <summary>A word's token string in the byte-level alphabet (" red" → "Ġred").</summary>
    public static string Spell(string word) => ByteLevelAlphabet.Spell(Encoding.UTF8.GetBytes(word));
}
