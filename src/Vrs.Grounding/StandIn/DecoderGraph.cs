using Vrs.Onnx;
using Vrs.Onnx.Graph;
using C = Vrs.Onnx.Contracts.LvlmContract;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// decoder: the cache holds the rows themselves (layer 0 is read; every layer is the same), so the new rows are
/// appended to it, E_all [T, 24], and the answer head runs on E_all. Its logits (the next token after the last
/// position) are repeated on every one of the S new rows; the host feeds one token per step and reads the last row.
/// attention_mask and position_ids are accepted and ignored.
/// </summary>
internal static class DecoderGraph
{
    public static GraphBuilder Build(StandInTokenizer tokenizer, int numLayers)
    {
        var g = new GraphBuilder("lvlm_standin_decoder");
        GraphValue embeds = g.Input(C.InputsEmbeds, TensorElementType.Float32, [1, "S", "D"]);
        GraphValue mask = g.Input(C.AttentionMask, TensorElementType.Int64, [1, "T"]);
        GraphValue positions = g.Input(C.PositionIds, TensorElementType.Int64, [3, 1, "S"]);
        GraphValue pastKeys = g.Input(C.PastKeys, TensorElementType.Float32, ["L", 1, "KV", "P", "Dh"]);
        GraphValue pastValues = g.Input(C.PastValues, TensorElementType.Float32, ["L", 1, "KV", "P", "Dh"]);

        GraphValue past = g.Squeeze(g.Slice(pastKeys, [0], [1], [0]), [0, 1, 2]);                            // [P,24]
        GraphValue rows = g.Concat([past, g.Squeeze(embeds, [0])], 0);                                        // [T,24]
        GraphValue cache = g.Expand(g.Reshape(rows, [1, 1, 1, -1, L.HiddenSize]), [numLayers, 1, 1, 1, 1]);   // [L,1,1,T,24]
        GraphValue head = AnswerHeadGraph.Build(g, rows, tokenizer) + StandInOps.Ignored(g, mask, positions, pastValues);
        GraphValue shape = g.Concat([g.Constant([1L]), g.Shape(embeds, 1, 2), g.Constant([1L])], 0);
        g.Output(g.Expand(head, shape), C.Logits, TensorElementType.Float32, [1, "S", "V"]);
        g.Output(cache, C.PresentKeys, TensorElementType.Float32, ["L", 1, "KV", "T", "Dh"]);
        g.Output(cache, C.PresentValues, TensorElementType.Float32, ["L", 1, "KV", "T", "Dh"]);
        return g;
    }
}
