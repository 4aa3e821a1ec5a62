using Vrs.Grounding.Positions;

namespace Vrs.Grounding.Runtime;

/// <summary>What greedy decoding produced: the answer's ids (stop token excluded), its text, and why it stopped.</summary>
public sealed record GeneratedAnswer(int[] TokenIds, string Text, GenerationStop Stop);

public enum GenerationStop
{
    /// <summary>The model emitted &lt;|im_end|&gt; or &lt;|endoftext|&gt;.</summary>
    StopToken,

    /// <summary>max_new_tokens reached.</summary>
    MaxTokens,

    /// <summary>The model's context is full.</summary>
    Context,
}

/// <summary>
/// Greedy decoding with the KV cache (lvlm-grounding.md §6.6): argmax of the prefill's last logits, then one decoder
/// step per token at position (cache index + rope delta) on all three M-RoPE axes, until a stop id or the budget.
/// DecAF and Veason decode greedily (do_sample false, one beam).
/// </summary>
public static class GreedyGenerator
{
    /// <summary>DecAF's max_new_tokens.</summary>
    public const int DefaultMaxNewTokens = 128;

    public static GeneratedAnswer Generate(LvlmModel model, ProbeOutput prefill, MropePositionIds positions, int maxNewTokens = DefaultMaxNewTokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(prefill);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNewTokens);
        var tokens = new List<int>();
        KvCache? own = null; // the prefill's cache is the caller's; each decoded step's cache is ours to release
        try
        {
            KvCache cache = prefill.Cache;
            int next = ArgMax(prefill.LastLogits);
            GenerationStop stop;
            while (true)
            {
                if (model.Specials.StopIds.Contains(next))
                {
                    stop = GenerationStop.StopToken;
                    break;
                }

                tokens.Add(next);
                if (tokens.Count == maxNewTokens)
                {
                    stop = GenerationStop.MaxTokens;
                    break;
                }

                if (cache.Length + 1 >= model.Settings.MaxContext)
                {
                    stop = GenerationStop.Context;
                    break;
                }

                (float[] logits, KvCache grown) = model.Decode(next, cache.Length + positions.RopeDelta, cache, cancellationToken);
                own?.Dispose();
                own = cache = grown;
                next = ArgMax(logits);
            }

            int[] ids = [.. tokens];
            return new GeneratedAnswer(ids, model.Tokenizer.Decode(ids, skipSpecialTokens: true), stop);
        }
        finally
        {
            own?.Dispose();
        }
    }

    /// <summary>The first index of the largest value (torch.argmax's tie rule).</summary>
    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}
