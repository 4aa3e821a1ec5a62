namespace Vrs.Grounding.Rollout;

/// <summary>How a layer's heads are combined before the residual step (DecAF Tab. 5a; lvlm-grounding.md §2.1–2.2).</summary>
public enum HeadWeighting
{
    /// <summary>Plain rollout (Abnar &amp; Zuidema): every head weighs 1.</summary>
    Mean,

    /// <summary>DecAF's vision-aware "V-Max": w_h = mean over all queries of the head's largest visual attention, scaled so max_h w_h = 1.</summary>
    VisionMax,
}
