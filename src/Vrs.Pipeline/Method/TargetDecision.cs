namespace Vrs.Pipeline.Method;

/// <summary>A ranked candidate as the decision sees it; <see cref="SuppressedBy"/> is the id of a better duplicate, or null.</summary>
public sealed record RankedCandidate(int Id, CandidateScore Score, int? SuppressedBy);

/// <summary>The chosen candidates (empty for no target) and why, in words for the report.</summary>
public sealed record TargetChoice(IReadOnlyList<int> Chosen, bool NoTarget, string Reason);

/// <summary>
/// The no-target and several-targets decisions. No target when the LVLM's answer says nothing matches, when no
/// candidate exists, or when the best score is below the minimum (no tracklet follows the maps). Otherwise the best
/// candidate, and when the query asks for several objects also every other unsuppressed candidate scoring at least
/// <c>keepRatio</c> of the best (DecAF's τ_trk on scores normalised by the best).
/// </summary>
public static class TargetDecision
{
    public static TargetChoice Decide(IReadOnlyList<RankedCandidate> candidates, string objectAnswer, bool several, float minScore, float keepRatio)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(objectAnswer);
        if (QueryForm.SaysNothingMatches(objectAnswer))
        {
            return new TargetChoice([], true, $"the model's answer \"{objectAnswer.Trim()}\" says nothing in the video matches");
        }

        RankedCandidate[] live = [.. candidates.Where(c => c.SuppressedBy is null).OrderByDescending(c => c.Score.Score).ThenBy(c => c.Id)];
        if (live.Length == 0)
        {
            return new TargetChoice([], true, "no point of the maps gave a candidate");
        }

        RankedCandidate best = live[0];
        if (!(best.Score.Score >= minScore))
        {
            return new TargetChoice([], true, FormattableString.Invariant($"the best candidate (#{best.Id}) scores {best.Score.Score:F3}, below the minimum {minScore:F2}: no tracklet follows the maps"));
        }

        if (!several)
        {
            return new TargetChoice([best.Id], false, FormattableString.Invariant($"candidate #{best.Id} has the highest score ({best.Score.Score:F3})"));
        }

        int[] chosen = [.. live.Where(c => c.Score.Score >= keepRatio * best.Score.Score && c.Score.Score >= minScore).Select(c => c.Id)];
        return new TargetChoice(chosen, false, chosen.Length == 1
            ? FormattableString.Invariant($"the query asks for several objects, but only candidate #{best.Id} scores within {keepRatio:F2} of the best ({best.Score.Score:F3})")
            : FormattableString.Invariant($"the query asks for several objects: {chosen.Length} candidates score within {keepRatio:F2} of the best ({best.Score.Score:F3}); their union"));
    }
}
