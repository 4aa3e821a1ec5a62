using Vrs.Grounding.Rollout;

namespace Vrs.Grounding.Tests.Rollout;

/// <summary>
/// Hand-computed rollout cases: 4 tokens (0 text, 1–2 visual, 3 the query), 2 heads, 1–3 layers. Every number is a
/// dyadic fraction, so float results must match exactly.
/// </summary>
public sealed class AttentionRolloutTests
{
    private const int Heads = 2;
    private const int N = 4;
    private const int VisualStart = 1;
    private const int VisualLength = 2;

    // Head 0: visual maxima per query 0, .5, .5, .5 → mean .375. Head 1: 0, .25, .25, .25 → mean .1875.
    private static readonly float[] s_layer1 =
    [
        1f, 0f, 0f, 0f,
        0.5f, 0.5f, 0f, 0f,
        0.25f, 0.25f, 0.5f, 0f,
        0.25f, 0.5f, 0.25f, 0f,

        1f, 0f, 0f, 0f,
        0.75f, 0.25f, 0f, 0f,
        0.5f, 0.25f, 0.25f, 0f,
        0.5f, 0.25f, 0f, 0.25f,
    ];

    // Both heads equal: weights 1 and 1.
    private static readonly float[] s_layer2 =
    [
        1f, 0f, 0f, 0f,
        0f, 1f, 0f, 0f,
        0f, 0f, 1f, 0f,
        0f, 0.5f, 0.5f, 0f,

        1f, 0f, 0f, 0f,
        0f, 1f, 0f, 0f,
        0f, 0f, 1f, 0f,
        0f, 0.5f, 0.5f, 0f,
    ];

    // Head 0 is a pure sink on token 0 (no visual attention → weight 0); head 1 looks at visual tokens only.
    private static readonly float[] s_layer3 =
    [
        1f, 0f, 0f, 0f,
        1f, 0f, 0f, 0f,
        1f, 0f, 0f, 0f,
        1f, 0f, 0f, 0f,

        1f, 0f, 0f, 0f,
        0f, 1f, 0f, 0f,
        0f, 0f, 1f, 0f,
        0f, 1f, 0f, 0f,
    ];

    [Fact]
    public void Vision_max_weights_are_the_mean_largest_visual_attention_scaled_to_max_one()
    {
        float[] w = new float[Heads];
        AttentionRollout.VisionMaxHeadWeights(s_layer1, Heads, N, VisualStart, VisualLength, w);
        Assert.Equal([1f, 0.5f], w);

        AttentionRollout.VisionMaxHeadWeights(s_layer3, Heads, N, VisualStart, VisualLength, w);
        Assert.Equal([0f, 1f], w);
    }

    [Fact]
    public void Vision_max_looks_only_at_the_visual_columns()
    {
        // Shifting the span to [0, 2) puts head 0's sink column inside it: now both heads score.
        float[] w = new float[Heads];
        AttentionRollout.VisionMaxHeadWeights(s_layer3, Heads, N, 0, 2, w);

        // head 0: maxima 1,1,1,1 → 1; head 1: 1,1,0 (row 2 looks at token 2),1 → .75.
        Assert.Equal([1f, 0.75f], w);
    }

    [Fact]
    public void Without_any_visual_attention_all_heads_weigh_one()
    {
        float[] sinkOnly = new float[Heads * N * N];
        for (int h = 0; h < Heads; h++)
        {
            for (int q = 0; q < N; q++)
            {
                sinkOnly[(((h * N) + q) * N) + 0] = 1f;
            }
        }

        float[] w = new float[Heads];
        AttentionRollout.VisionMaxHeadWeights(sinkOnly, Heads, N, VisualStart, VisualLength, w);
        Assert.Equal([1f, 1f], w);
    }

    [Fact]
    public void Weighted_head_mean_divides_by_the_head_count_not_the_weight_sum()
    {
        float[] mean = new float[N * N];
        AttentionRollout.WeightedHeadMean(s_layer1, Heads, N, [1f, 0.5f], mean);
        Assert.Equal(
            [
                0.75f, 0f, 0f, 0f,
                0.4375f, 0.3125f, 0f, 0f,
                0.25f, 0.1875f, 0.3125f, 0f,
                0.25f, 0.3125f, 0.125f, 0.0625f,
            ],
            mean);
    }

    [Fact]
    public void Residual_halves_attention_and_adds_half_the_identity()
    {
        float[] m = [0.5f, 0.25f, 0f, 1f];
        AttentionRollout.AddResidual(m, 2);
        Assert.Equal([0.75f, 0.125f, 0f, 1f], m);
    }

    [Fact]
    public void Layer_matrix_of_layer_one_is_hand_computed()
    {
        float[] a = AttentionRollout.LayerMatrix(s_layer1, Heads, N, VisualStart, VisualLength, HeadWeighting.VisionMax);
        Assert.Equal(
            [
                0.875f, 0f, 0f, 0f,
                0.21875f, 0.65625f, 0f, 0f,
                0.125f, 0.09375f, 0.65625f, 0f,
                0.125f, 0.15625f, 0.0625f, 0.53125f,
            ],
            a);
    }

    [Fact]
    public void Two_layer_rollout_last_row_is_hand_computed()
    {
        // e3ᵀ·Â2 = [0, .25, .25, .5]; times Â1.
        float[] row = AttentionRollout.LastRow([s_layer1, s_layer2], Heads, N, VisualStart, VisualLength, HeadWeighting.VisionMax);
        Assert.Equal([0.1484375f, 0.265625f, 0.1953125f, 0.265625f], row);
    }

    [Fact]
    public void Three_layer_rollout_drops_the_sink_head_under_vision_max()
    {
        // Â3 row 3 = .25·e1 + .5·e3 (the sink head weighs 0) → [0, .375, .125, .25] after Â2 → times Â1.
        float[] row = AttentionRollout.LastRow([s_layer1, s_layer2, s_layer3], Heads, N, VisualStart, VisualLength, HeadWeighting.VisionMax);
        Assert.Equal([0.12890625f, 0.296875f, 0.09765625f, 0.1328125f], row);
    }

    [Fact]
    public void Three_layer_plain_rollout_keeps_the_sink_head_and_rows_still_sum_to_one()
    {
        // Mean weighting: Â1 rows 1–3 = [.3125, .6875, 0, 0], [.1875, .125, .6875, 0], [.1875, .1875, .0625, .5625];
        // e3ᵀ·Â3 = [.25, .25, 0, .5] → after Â2 [.25, .375, .125, .25] → times Â1.
        float[] row = AttentionRollout.LastRow([s_layer1, s_layer2, s_layer3], Heads, N, VisualStart, VisualLength, HeadWeighting.Mean);
        Assert.Equal([0.4375f, 0.3203125f, 0.1015625f, 0.140625f], row);
        Assert.Equal(1f, row.Sum());
    }

    [Fact]
    public void Row_from_the_top_equals_the_full_products_last_row()
    {
        float[][] layers = [s_layer1, s_layer2, s_layer3];
        float[] full = AttentionRollout.FullProduct(layers, Heads, N, VisualStart, VisualLength, HeadWeighting.VisionMax);
        float[] row = AttentionRollout.LastRow(layers, Heads, N, VisualStart, VisualLength, HeadWeighting.VisionMax);
        Assert.Equal(full.AsSpan(3 * N, N).ToArray(), row);
    }

    [Fact]
    public void Bad_shapes_are_rejected()
    {
        float[] w = new float[Heads];
        Assert.Throws<ArgumentException>(() => AttentionRollout.VisionMaxHeadWeights(new float[10], Heads, N, VisualStart, VisualLength, w));
        Assert.Throws<ArgumentOutOfRangeException>(() => AttentionRollout.VisionMaxHeadWeights(s_layer1, Heads, N, 3, 2, w));
        Assert.Throws<ArgumentException>(() => AttentionRollout.LastRow([], Heads, N, VisualStart, VisualLength, HeadWeighting.VisionMax));
    }
}
