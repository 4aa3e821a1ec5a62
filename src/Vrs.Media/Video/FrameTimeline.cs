using System.Globalization;

namespace Vrs.Media.Video;

/// <summary>
/// Presentation times of every frame (sorted packet timestamps, ffprobe, demux only) so decoding can start at
/// frame k: seek to the keyframe before, keep frames from the midpoint between frames k-1 and k on. Midpoints make
/// the cut immune to timestamp rounding (mkv stores milliseconds).
/// </summary>
internal sealed class FrameTimeline
{
    private readonly double[] _times;

    private FrameTimeline(double[] times) => _times = times;

    /// <summary>Reads the timeline; null when timestamps are missing, duplicated or disagree with the frame count.</summary>
    public static FrameTimeline? TryRead(string path, int frameCount, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-v", "error", "-hide_banner", "-select_streams", "v:0",
            "-show_entries", "packet=pts_time", "-of", "csv=p=0", "-i", MediaTool.InputUrl(path),
        ];
        using var tool = MediaTool.Start("ffprobe", arguments, writeInput: false, cancellationToken);
        var times = new List<double>(frameCount);
        bool usable = true;
        using (var reader = new StreamReader(tool.Output))
        {
            while (reader.ReadLine() is { } line)
            {
                string value = line.Trim().TrimEnd(',');
                if (value.Length == 0)
                {
                    continue;
                }

                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double t))
                {
                    times.Add(t);
                }
                else
                {
                    usable = false;
                }
            }
        }

        if (tool.WaitForExit() != 0 || !usable || times.Count != frameCount)
        {
            return null;
        }

        times.Sort();
        for (int i = 1; i < times.Count; i++)
        {
            if (times[i] <= times[i - 1])
            {
                return null;
            }
        }

        return new FrameTimeline([.. times]);
    }

    /// <summary>A time strictly between frame <paramref name="index"/> - 1 and frame <paramref name="index"/>.</summary>
    public double CutBefore(int index) =>
        index == 0 ? _times[0] - 1.0 : (_times[index - 1] + _times[index]) / 2;
}
