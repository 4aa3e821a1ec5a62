using Vrs.Grounding.Maps;
using Vrs.Grounding.Rollout;
using Vrs.Media.Video;

namespace Vrs.Pipeline.Output;

/// <summary>
/// Heatmap PNGs of the grounding maps over the sampled frames: <c>fused/</c>, <c>video/</c> and (with frame maps)
/// <c>frame/</c>, each named after its frame. Shared by <c>vrs ground</c> and <c>vrs segment</c>.
/// </summary>
public static class HeatmapOutput
{
    public static void Write(string folder, IReadOnlyList<RgbFrame> frames, GroundingResult result)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(result);
        using var writer = new HeatmapFolderWriter(folder);
        TokenMap? frameMap = result.ObjectFrame is null ? null
            : MapOperations.MinMaxPerFrame(MapOperations.GaussianSmooth(result.ObjectFrame, MapOperations.FrameKernelSize));
        for (int t = 0; t < frames.Count; t++)
        {
            writer.Write("fused", frames[t], result.Fused.Frame(t), result.Fused.Width, result.Fused.Height);
            writer.Write("video", frames[t], result.VideoMap.Frame(t), result.VideoMap.Width, result.VideoMap.Height);
            if (frameMap is not null)
            {
                writer.Write("frame", frames[t], frameMap.Frame(t), frameMap.Width, frameMap.Height);
            }
        }

        writer.Commit();
    }
}
