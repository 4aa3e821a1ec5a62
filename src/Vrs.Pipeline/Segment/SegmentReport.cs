namespace Vrs.Pipeline.Segment;

/// <summary>
/// What a <c>vrs segment</c> run did, as written to <c>report.json</c> (snake_case keys): the inputs, the LVLM's words,
/// every candidate with its scores, the choice and why, and the time each stage took.
/// </summary>
public sealed record SegmentReport
{
    public required string Video { get; init; }

    public required int Frames { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    public required string Query { get; init; }

    public required string Mode { get; init; }

    /// <summary>The query as the grounding prompts saw it (with the attributes when the chain of thought ran).</summary>
    public string? GroundingQuery { get; set; }

    public string? Attributes { get; set; }

    /// <summary>The LVLM's answer to the object prompt (attention) or to the keyframe question (box).</summary>
    public string? Answer { get; set; }

    public IReadOnlyList<int> SampledFrames { get; set; } = [];

    public IReadOnlyList<int> Keyframes { get; set; } = [];

    public IReadOnlyList<CandidateReport> Candidates { get; set; } = [];

    public IReadOnlyList<int> Chosen { get; set; } = [];

    public bool NoTarget { get; set; }

    public string Reason { get; set; } = string.Empty;

    public IReadOnlyList<int> AnchorFrames { get; set; } = [];

    public BoxModeReport? Box { get; set; }

    public required ModelsReport Models { get; init; }

    /// <summary>Wall seconds per stage, in order.</summary>
    public Dictionary<string, double> TimingsSeconds { get; } = [];

    /// <summary>SAM 2 image-encoder runs (the frames' features are computed once whatever the number of candidates).</summary>
    public int EncoderRuns { get; set; }

    /// <summary>Frames with a non-empty mask.</summary>
    public int FramesWithMask { get; set; }

    public ScoreReport? Scores { get; set; }
}

/// <summary>A candidate: its prompt, SAM 2's predicted IoU there, its correlations and score, and whether a better duplicate suppressed it.</summary>
public sealed record CandidateReport(
    int Id,
    int Keyframe,
    double X,
    double Y,
    float MapValue,
    float SamIou,
    float? FrameCorrelation,
    float? VideoCorrelation,
    float? Score,
    int? SuppressedBy,
    string? Dropped);

/// <summary>Box mode's exchange: the answers (one retry), the keyframe and boxes read from them.</summary>
public sealed record BoxModeReport(IReadOnlyList<string> Answers, int? Keyframe, IReadOnlyList<double[]> Boxes, string? Error);

/// <summary>The two bundles, their names and whether they are stand-ins.</summary>
public sealed record ModelsReport(string Lvlm, bool LvlmStandin, string Sam2, bool Sam2Standin);

/// <summary>Scores against ground truth (percent, as the benchmarks print them).</summary>
public sealed record ScoreReport(string GroundTruth, double J, double F, double JF, int Frames);
