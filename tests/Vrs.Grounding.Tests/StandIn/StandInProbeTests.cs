using Vrs.Grounding.Prompting;
using Vrs.Grounding.Rollout;
using Vrs.Grounding.StandIn;
using Vrs.Onnx;
using C = Vrs.Onnx.Contracts.LvlmContract;
using L = Vrs.Grounding.StandIn.StandInLayout;

namespace Vrs.Grounding.Tests.StandIn;

/// <summary>The probe's attention and in-graph rollout against the host's rollout on the same attention rebuilt here.</summary>
public sealed class StandInProbeTests
{
    private static readonly float[] s_red = [1f, 0f, 0f];
    private static readonly float[] s_blue = [0f, 0f, 1f];
    private static readonly float[] s_grey = [0.5f, 0.5f, 0.5f];

    [Fact]
    public void The_rollout_row_peaks_on_the_named_colour_and_equals_the_host_rollout()
    {
        // 3×2 cells: red at (1, 0) and (2, 1), blue at (0, 1), grey elsewhere; merged tokens in raster order.
        float[][][] cells = [[s_grey, s_red, s_grey], [s_blue, s_grey, s_red]];
        int[] redTokens = [1, 5];
        using var runner = new StandInRunner();
        (QwenModelInputs inputs, float[] embeddings) = runner.Prefill(StandInRunner.Image(cells), "What is the red object?");
        int n = inputs.Prompt.InputIds.Length;
        (int start, int length) = inputs.Prompt.VisualRange;
        Assert.Equal(6, length);

        using RunResult probe = runner.Probe(inputs, embeddings);
        float[] row = probe.ToArray<float>(C.RolloutRow);
        float[] queryAttention = probe.ToArray<float>(C.QueryAttention);

        float[] attention = HostAttention(embeddings, n);
        float[] expected = AttentionRollout.LastRow([attention, attention], 2, n, start, length, HeadWeighting.VisionMax);
        for (int k = 0; k < n; k++)
        {
            Assert.True(Math.Abs(expected[k] - row[k]) < 1e-5f, $"rollout_row[{k}] = {row[k]}, host {expected[k]}");
        }

        for (int layer = 0; layer < 2; layer++)
        {
            for (int h = 0; h < 2; h++)
            {
                for (int k = 0; k < n; k++)
                {
                    float want = attention[(((h * n) + (n - 1)) * n) + k];
                    Assert.True(Math.Abs(want - queryAttention[(((layer * 2) + h) * n) + k]) < 1e-5f, $"query_attention[{layer}, {h}, {k}]");
                }
            }
        }

        float[] visual = row[start..(start + length)];
        float weakestRed = redTokens.Min(t => visual[t]);
        float strongestOther = Enumerable.Range(0, length).Where(t => !redTokens.Contains(t)).Max(t => visual[t]);
        Assert.True(weakestRed > 10 * strongestOther, $"red tokens {weakestRed}, others up to {strongestOther}");
    }

    /// <summary>P_h for one layer, [H, n, n], from the formula the stand-in documents: softmax(β_h·match) over causal keys.</summary>
    private static float[] HostAttention(float[] rows, int n)
    {
        const int D = L.HiddenSize;
        float[] beta = [.. ProbeGraph.HeadSharpness];
        var named = new bool[n, StandInPalette.Count];
        for (int q = 0; q < n; q++)
        {
            for (int c = 0; c < StandInPalette.Count; c++)
            {
                named[q, c] = (q > 0 && named[q - 1, c]) || rows[(q * D) + L.ColourWord + c] > 0;
            }
        }

        var attention = new float[beta.Length * n * n];
        for (int h = 0; h < beta.Length; h++)
        {
            for (int q = 0; q < n; q++)
            {
                var scores = new double[q + 1];
                for (int k = 0; k <= q; k++)
                {
                    float match = 0f;
                    for (int c = 0; c < StandInPalette.Count; c++)
                    {
                        if (named[q, c])
                        {
                            match += StandInPalette.Similarity(rows.AsSpan(k * D, 3), c) * rows[(k * D) + L.Visual];
                        }
                    }

                    scores[k] = beta[h] * match;
                }

                double max = scores.Max();
                double sum = scores.Sum(v => Math.Exp(v - max));
                for (int k = 0; k <= q; k++)
                {
                    attention[(((h * n) + q) * n) + k] = (float)(Math.Exp(scores[k] - max) / sum);
                }
            }
        }

        return attention;
    }
}
