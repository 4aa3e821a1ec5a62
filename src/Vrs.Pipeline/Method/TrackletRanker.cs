using Vrs.Grounding.Rollout;

namespace Vrs.Pipeline.Method;

/// <summary>One candidate's correlation with the maps: frame-level, video-level, and their weighted sum (the score).</summary>
public readonly record struct CandidateScore(float FrameCorrelation, float VideoCorrelation, float Score);

/// <summary>
/// SteerSeg's ranking: a tracklet, average-pooled onto each map's token grid on the sampled frames, is scored by the
/// weighted Pearson correlation w_f·ρ(M↓, S_frm) + (1 − w_f)·ρ(M↓, S_vid) over all sampled frames at once, so a
/// tracklet must follow the object the maps point at through time, not on one frame.
/// </summary>
public static class TrackletRanker
{
    /// <param name="pooledFrame">The tracklet pooled onto the frame map's grid (same shape as <paramref name="frameMap"/>), or null without frame maps.</param>
    /// <param name="pooledVideo">The tracklet pooled onto the video map's grid (same shape as <paramref name="videoMap"/>).</param>
    public static CandidateScore Score(TokenMap? frameMap, TokenMap? pooledFrame, TokenMap videoMap, TokenMap pooledVideo, float frameWeight)
    {
        ArgumentNullException.ThrowIfNull(videoMap);
        ArgumentNullException.ThrowIfNull(pooledVideo);
        float video = Correlation.Pearson(pooledVideo.Values, videoMap.Values);
        if (frameMap is null || pooledFrame is null)
        {
            return new CandidateScore(float.NaN, video, video);
        }

        float frame = Correlation.Pearson(pooledFrame.Values, frameMap.Values);
        return new CandidateScore(frame, video, (frameWeight * frame) + ((1f - frameWeight) * video));
    }
}
