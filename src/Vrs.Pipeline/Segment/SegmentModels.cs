using Vrs.Grounding.Runtime;
using Vrs.Segmentation;

namespace Vrs.Pipeline.Segment;

/// <summary>The two bundles a segment run uses (opened and contract-checked by the caller, who disposes them).</summary>
public sealed record SegmentModels(LvlmModel Lvlm, Sam2Model Sam2)
{
    public ModelsReport Describe() => new(Lvlm.Label, Lvlm.IsStandIn, Sam2.IsStandIn ? "stand-in bundle (NOT the real SAM 2)" : Sam2.Settings.ModelVersion, Sam2.IsStandIn);
}
