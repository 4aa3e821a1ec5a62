namespace Vrs.Benchmarks.Datasets;

/// <summary>One (video, expression) pair a benchmark scores.</summary>
/// <param name="VideoKey">The video's key; also the prediction folder name (may contain '/').</param>
/// <param name="ExpId">The expression id; the prediction sub-folder name.</param>
/// <param name="Text">The query sentence.</param>
/// <param name="AnnoIds">Annotation ids whose masks form the ground truth (their union); empty for no-target.</param>
/// <param name="TypeId">ReVOS type: 0 referring, 1 reasoning, 2 no-target; 0 elsewhere.</param>
/// <param name="Frames">Frame names (no extension) in the order the benchmark evaluates them.</param>
public sealed record ExpressionSpec(
    string VideoKey,
    string ExpId,
    string Text,
    IReadOnlyList<int> AnnoIds,
    int TypeId,
    IReadOnlyList<string> Frames);
