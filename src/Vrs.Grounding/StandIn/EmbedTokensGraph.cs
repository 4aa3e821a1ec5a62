using Vrs.Onnx;
using Vrs.Onnx.Graph;
using C = Vrs.Onnx.Contracts.LvlmContract;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// embed_tokens: a Gather from a [V, 24] table whose only non-zero rows are the colour words (one-hot in channels
/// 16–23, every spelling), the box words (channel 8), <c>&lt;|im_start|&gt;</c> (channel 9), the negation words (channel
/// 11), the keyframe words (channel 12) and the digits (channel 13, value in 14). Everything else embeds as zeros: the
/// stand-in's answer depends on nothing else.
/// </summary>
internal static class EmbedTokensGraph
{
    public static float[] Table(StandInTokenizer tokenizer)
    {
        var table = new float[tokenizer.Size * L.HiddenSize];
        for (int colour = 0; colour < StandInPalette.Count; colour++)
        {
            foreach (string word in StandInVocabulary.ColourSpellings(colour))
            {
                table[(tokenizer.WordId(word) * L.HiddenSize) + L.ColourWord + colour] = 1f;
            }
        }

        foreach (string word in StandInVocabulary.BoxWords)
        {
            table[(tokenizer.WordId(word) * L.HiddenSize) + L.BoxWord] = 1f;
        }

        foreach (string word in StandInVocabulary.NegationWords)
        {
            table[(tokenizer.WordId(word) * L.HiddenSize) + L.Negation] = 1f;
        }

        foreach (string word in StandInVocabulary.KeyframeWords)
        {
            table[(tokenizer.WordId(word) * L.HiddenSize) + L.KeyframeWord] = 1f;
        }

        for (int digit = 0; digit < 10; digit++)
        {
            int id = tokenizer.Id(((char)('0' + digit)).ToString());
            table[(id * L.HiddenSize) + L.Digit] = 1f;
            table[(id * L.HiddenSize) + L.DigitValue] = digit;
        }

        table[(tokenizer.Id("<|im_start|>") * L.HiddenSize) + L.ImStart] = 1f;
        return table;
    }

    public static GraphBuilder Build(StandInTokenizer tokenizer)
    {
        var g = new GraphBuilder("lvlm_standin_embed_tokens");
        GraphValue ids = g.Input(C.InputIds, TensorElementType.Int64, [1, "S"]);
        GraphValue table = g.Initializer("embedding_table", Table(tokenizer), [tokenizer.Size, L.HiddenSize]);
        g.Output(g.Gather(table, ids), C.InputsEmbeds, TensorElementType.Float32, [1, "S", "D"]);
        return g;
    }
}
