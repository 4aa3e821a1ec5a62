namespace Vrs.Benchmarks.Metrics;

/// <summary>The per-pixel sums of one frame that J, R and A are computed from.</summary>
internal struct FrameCounts
{
    /// <summary>|G ∧ P ∖ V|.</summary>
    public long Intersection;

    /// <summary>|(G ∨ P) ∖ V|.</summary>
    public long Union;

    /// <summary>Σ uint8 (1 − gt)·pred (ReVOS R).</summary>
    public ulong Negative;

    /// <summary>Σ foreground (ReVOS R).</summary>
    public ulong Positive;

    /// <summary>#(gt == pred) on raw values (ReVOS A).</summary>
    public long Equal;
}
