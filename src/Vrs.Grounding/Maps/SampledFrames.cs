using Vrs.Grounding.Preprocessing;
using Vrs.Media.Video;

namespace Vrs.Grounding.Maps;

/// <summary>A video's size and length, as read while sampling it.</summary>
public sealed record VideoSummary(int FrameCount, int Width, int Height);

/// <summary>Decodes a video once and keeps copies of DecAF's uniformly sampled frames (at source size).</summary>
public static class SampledFrames
{
    public static (List<RgbFrame> Frames, int[] Indices, VideoSummary Summary) Read(string path, int count, CancellationToken cancellationToken = default)
    {
        using FrameSource source = FrameSource.Open(path, cancellationToken: cancellationToken);
        int[] indices = FrameSampler.Uniform(source.Count, count);
        var wanted = new HashSet<int>(indices);
        var frames = new List<RgbFrame>(indices.Length);
        int last = indices[^1];
        foreach (RgbFrame frame in source.Read(0, last + 1, cancellationToken))
        {
            if (wanted.Contains(frame.Index))
            {
                frames.Add(frame.Clone());
            }
        }

        return (frames, indices, new VideoSummary(source.Count, source.Width, source.Height));
    }
}
