using Vrs.Grounding.Maps;
using Vrs.Onnx.Contracts;
using Vrs.Pipeline.Method;

namespace Vrs.Pipeline.Segment;

/// <summary>Everything <c>vrs segment</c> can be told; defaults are the method's (<see cref="MethodDefaults"/>).</summary>
public sealed record SegmentOptions
{
    public SegmentMode Mode { get; init; } = SegmentMode.Attention;

    /// <summary>SteerSeg's one-step chain of thought: the LVLM first names the target's attributes, which join the query.</summary>
    public bool ChainOfThought { get; init; }

    /// <summary>VIRST-style anchors: this many of the chosen tracklet's best frames become extra prompted frames (0: none).</summary>
    public int Anchors { get; init; }

    /// <summary>Frames sampled for the LVLM (DecAF: 16; Veason-R1's box mode: 8).</summary>
    public int? Frames { get; init; }

    public GroundingOptions Grounding { get; init; } = new();

    public float PointThreshold { get; init; } = MethodDefaults.PointThreshold;

    public int Keyframes { get; init; } = MethodDefaults.Keyframes;

    public int PointsPerKeyframe { get; init; } = MethodDefaults.PointsPerKeyframe;

    public float SuppressionIou { get; init; } = MethodDefaults.SuppressionIou;

    public float KeepRatio { get; init; } = MethodDefaults.KeepRatio;

    /// <summary>w_f; null: the bundle's <c>steerseg_frame_weight</c>, else <see cref="MethodDefaults.FrameWeight"/>.</summary>
    public float? FrameWeight { get; init; }

    /// <summary>null: the bundle's <c>steerseg_min_score</c>, else <see cref="MethodDefaults.MinScore"/>.</summary>
    public float? MinScore { get; init; }

    /// <summary>Veason-R1 samples 8 frames for its keyframe question.</summary>
    public const int BoxModeFrames = 8;

    public int SampledFrames => Frames ?? (Mode == SegmentMode.Box ? BoxModeFrames : GroundingOptions.DefaultFrames);

    public float ResolveFrameWeight(ModelManifest lvlm) => FrameWeight ?? Constant(lvlm, MethodDefaults.FrameWeightConstant) ?? MethodDefaults.FrameWeight;

    public float ResolveMinScore(ModelManifest lvlm) => MinScore ?? Constant(lvlm, MethodDefaults.MinScoreConstant) ?? MethodDefaults.MinScore;

    /// <exception cref="ModelManifestException">The constant is there but is not a number.</exception>
    private static float? Constant(ModelManifest manifest, string name) =>
        manifest.Constants.ContainsKey(name) ? (float)manifest.GetDouble(name) : null;
}
