using Vrs.Grounding.Maps;
using Vrs.Grounding.Rollout;

namespace Vrs.Pipeline.Method;

/// <summary>
/// The two maps tracklets are ranked against (SteerSeg's dual granularity): the video-level map, and the frame-level
/// map made the way DecAF makes its frame half (7×7 smoothing, object − background, min–max per frame).
/// </summary>
public sealed record RankingMaps(TokenMap? Frame, TokenMap Video)
{
    public static RankingMaps From(GroundingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        TokenMap? frame = null;
        if (result.ObjectFrame is { } objectFrame)
        {
            TokenMap smooth = MapOperations.GaussianSmooth(objectFrame, MapOperations.FrameKernelSize);
            TokenMap contrast = result.BackgroundFrame is { } background
                ? MapOperations.Contrast(smooth, MapOperations.GaussianSmooth(background, MapOperations.FrameKernelSize))
                : smooth;
            frame = MapOperations.MinMaxPerFrame(contrast);
        }

        return new RankingMaps(frame, result.VideoMap);
    }
}
