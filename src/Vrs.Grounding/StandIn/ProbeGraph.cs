using Vrs.Onnx;
using Vrs.Onnx.Graph;
using C = Vrs.Onnx.Contracts.LvlmContract;

namespace Vrs.Grounding.StandIn;

/// <summary>
/// probe: the prefill with attention that looks where the question points. E = inputs_embeds[0] [S, 24];
/// named_q[c] = 1 once a colour-c word appeared at or before q; match[q, k] = Σ_c named_q[c]·sim_k[c]. Every layer has
/// the same two heads (the stand-in has no per-layer weights): scores = β_h·match with β = (12, 0), so head 0 attends
/// to the vision rows of the named colour and head 1 is uniform; keys after q or with attention_mask 0 are masked.
/// The rollout row is DecAF's V-Max rollout over layers rollout_start … L − 1 computed in the graph exactly as
/// <see cref="Rollout.AttentionRollout"/> does on the host. The K/V cache is E itself in every layer, and the logits
/// are the answer head's on E, repeated on every row (the host reads only the last).
/// </summary>
internal static class ProbeGraph
{
    /// <summary>Head 0 sharp enough to put almost all its mass on matching rows; head 1 flat (β = 0).</summary>
    public static IReadOnlyList<float> HeadSharpness { get; } = [12f, 0f];

    /// <summary>What masked keys score: exp(−1e9 − max) is exactly 0 in float, and no row is ever all −∞ (NaN).</summary>
    private const float Masked = -1e9f;

    public static GraphBuilder Build(StandInTokenizer tokenizer, int numLayers, int rolloutStart)
    {
        var g = new GraphBuilder("lvlm_standin_probe");
        GraphValue embeds = g.Input(C.InputsEmbeds, TensorElementType.Float32, [1, "S", "D"]);
        GraphValue mask = g.Input(C.AttentionMask, TensorElementType.Int64, [1, "S"]);
        GraphValue positions = g.Input(C.PositionIds, TensorElementType.Int64, [3, 1, "S"]);
        GraphValue span = g.Input(C.VisualSpan, TensorElementType.Int64, [2]);

        GraphValue rows = g.Squeeze(embeds, [0]);                                                           // [S,24]
        GraphValue attention = Attention(g, rows, mask);                                                    // [H,S,S]
        GraphValue lastQuery = g.Slice(attention, [-1], [long.MaxValue], [1]);                             // [H,1,S]
        GraphValue layerMatrix = RolloutMatrix(g, attention, span);                                         // [S,S]
        GraphValue rollout = layerMatrix;
        for (int layer = rolloutStart + 1; layer < numLayers; layer++)
        {
            rollout = g.MatMul(layerMatrix, rollout);                                                       // R ← Â·R
        }

        GraphValue rolloutRow = g.Slice(rollout, [-1], [long.MaxValue], [0]);                              // [1,S]
        GraphValue queryAttention = g.Concat(
            [.. Enumerable.Repeat(g.Transpose(lastQuery, [1, 0, 2]), numLayers - rolloutStart)],
            0);                                                                                             // [R,H,S]

        GraphValue cache = g.Expand(g.Unsqueeze(rows, [0, 1, 2]), [numLayers, 1, 1, 1, 1]);                  // [L,1,1,S,24]
        GraphValue head = AnswerHeadGraph.Build(g, rows, tokenizer) + StandInOps.Ignored(g, positions);   // [1,1,V]
        g.Output(head, C.Logits, TensorElementType.Float32, [1, 1, "V"]);
        g.Output(cache, C.PresentKeys, TensorElementType.Float32, ["L", 1, "KV", "S", "Dh"]);
        g.Output(cache, C.PresentValues, TensorElementType.Float32, ["L", 1, "KV", "S", "Dh"]);
        g.Output(rolloutRow, C.RolloutRow, TensorElementType.Float32, [1, "S"]);
        g.Output(queryAttention, C.QueryAttention, TensorElementType.Float32, ["R", "H", "S"]);
        return g;
    }

    /// <summary>P_h = softmax over allowed keys of β_h·match: [H, S, S].</summary>
    private static GraphValue Attention(GraphBuilder g, GraphValue rows, GraphValue mask)
    {
        GraphValue named = g.Cast(
            g.Greater(g.CumSum(StandInOps.ColourWords(g, rows), 0), g.Constant(0f)),
            TensorElementType.Float32);                                                                     // [S,8]
        GraphValue match = g.MatMul(named, g.Transpose(StandInOps.Similarity(g, rows), [1, 0]));           // [S,S]

        GraphValue index = g.Range(g.Constant(0L), g.Squeeze(StandInOps.RowCount(g, rows), [0]), g.Constant(1L));
        GraphValue causal = g.LessOrEqual(g.Unsqueeze(index, [0]), g.Unsqueeze(index, [1]));              // [q,k]: k ≤ q
        GraphValue allowed = g.And(causal, g.Greater(mask, g.Constant(0L)));                               // mask [1,S] runs along k
        float[] sharpness = [.. HeadSharpness];
        GraphValue scores = g.Constant(TensorData.FromFloat32(sharpness, [sharpness.Length, 1, 1])) * g.Unsqueeze(match, [0]);
        return g.Softmax(g.Where(allowed, scores, g.Constant(Masked)), -1);
    }

    /// <summary>
    /// Â = 0.5·Ā + 0.5·I with Ā = Σ_h w_h·P_h / H and DecAF's V-Max weights: w_h = mean over all rows of the largest
    /// attention on the visual span, divided by the largest w (all 1 when it is 0, as the host does).
    /// </summary>
    private static GraphValue RolloutMatrix(GraphBuilder g, GraphValue attention, GraphValue span)
    {
        GraphValue start = g.Slice(span, [0], [1], [0]);
        GraphValue end = start + g.Slice(span, [1], [2], [0]);
        GraphValue visual = g.Slice(attention, start, end, g.Constant([2L]));                               // [H,S,len]
        GraphValue weight = g.ReduceMean(g.ReduceMax(visual, [2], keepDims: false), [1], keepDims: false);  // [H]
        GraphValue largest = g.ReduceMax(weight, keepDims: false);
        GraphValue normalised = g.Where(
            g.Greater(largest, g.Constant(0f)),
            weight / g.Max(largest, g.Constant(1e-30f)),
            g.Constant(1f));
        GraphValue mean = g.ReduceSum(g.Unsqueeze(normalised, [1, 2]) * attention, [0], keepDims: false) / HeadSharpness.Count;
        return (mean * (1f - Rollout.AttentionRollout.ResidualWeight)) + (g.Node("EyeLike", [mean]) * Rollout.AttentionRollout.ResidualWeight);
    }
}
