using Vrs.Benchmarks.Datasets;
using Vrs.Benchmarks.Metrics;

namespace Vrs.Benchmarks.Evaluation;

/// <summary>How an expression's prediction was found, which decides how the protocol counts it.</summary>
public enum PredictionStatus
{
    /// <summary>Every frame was read and scored.</summary>
    Scored,

    /// <summary>The video folder is missing; the protocol counts the expression as zero.</summary>
    MissingVideoZero,

    /// <summary>The expression folder or a frame is missing; the protocol counts the expression as zero.</summary>
    MissingFramesZero,

    /// <summary>The protocol leaves the expression out of every average.</summary>
    Skipped,
}

/// <summary>
/// One expression's scores as fractions in [0, 1] (R and A only where the protocol defines them). Protocols that
/// score objects rather than expressions (the DAVIS toolkit) put one entry per object in <paramref name="Objects"/>.
/// </summary>
public sealed record ExpressionResult(
    ExpressionSpec Spec,
    PredictionStatus Status,
    double J,
    double F,
    double? R,
    double? A,
    int FramesScored,
    string? Note,
    IReadOnlyList<ObjectResult>? Objects = null);

/// <summary>DAVIS statistics of one ground-truth object matched to a predicted label.</summary>
public sealed record ObjectResult(string Name, DavisStatistics J, DavisStatistics F);
