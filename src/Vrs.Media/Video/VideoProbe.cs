using System.Globalization;
using System.Text.Json;

namespace Vrs.Media.Video;

/// <summary>Reads a video's size, exact frame count, frame rate, codec and rotation with ffprobe.</summary>
public static class VideoProbe
{
    /// <summary>
    /// Probes <paramref name="path"/>. The frame count is exact: ffprobe demuxes the whole stream and counts packets
    /// (fast, nothing is decoded), and decodes to count frames only when a container yields no packet count.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a video, is corrupt, or is truncated (its header declares more frames than can be read);
    /// the message names the file and quotes ffprobe.
    /// </exception>
    public static VideoInfo Probe(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                Directory.Exists(path) ? $"{path}: is a folder, not a video file" : $"{path}: no such video file", path);
        }

        using JsonDocument json = RunProbe(path, countFrames: false, cancellationToken);
        JsonElement root = json.RootElement;
        string format = root.TryGetProperty("format", out JsonElement f) && f.TryGetProperty("format_name", out JsonElement name)
            ? name.GetString() ?? "?"
            : "?";
        if (!root.TryGetProperty("streams", out JsonElement streams) || streams.GetArrayLength() == 0)
        {
            throw new InvalidDataException($"{path}: not a video: ffprobe reads it as '{format}' with no video stream");
        }

        JsonElement stream = streams[0];
        int codedWidth = Integer(stream, "width") ?? 0;
        int codedHeight = Integer(stream, "height") ?? 0;
        string codec = Text(stream, "codec_name") ?? "unknown";
        if (codedWidth <= 0 || codedHeight <= 0)
        {
            throw new InvalidDataException($"{path}: the video stream ({codec}) has no frame size; the file is damaged or not a video");
        }

        int? declared = Integer(stream, "nb_frames");
        int? readable = Integer(stream, "nb_read_packets");
        if (readable is null or 0)
        {
            using JsonDocument counted = RunProbe(path, countFrames: true, cancellationToken);
            readable = counted.RootElement.TryGetProperty("streams", out JsonElement s) && s.GetArrayLength() > 0
                ? Integer(s[0], "nb_read_frames")
                : null;
        }

        if (readable is null or 0)
        {
            throw new InvalidDataException($"{path}: the video stream ({codec}) holds no frames that can be read");
        }

        if (declared > readable)
        {
            throw new InvalidDataException(
                $"{path}: truncated or corrupt: the header declares {declared} frames but only {readable} can be read (stops at frame {readable})");
        }

        FrameRate rate = FrameRate.TryParse(Text(stream, "avg_frame_rate"), out FrameRate average) ? average
            : FrameRate.TryParse(Text(stream, "r_frame_rate"), out FrameRate baseRate) ? baseRate
            : FrameRate.Default;
        int rotation = Rotation(stream);
        bool sideways = rotation is 90 or 270;
        double start = root.TryGetProperty("format", out JsonElement fmt) && Text(fmt, "start_time") is { } startText
            && double.TryParse(startText, NumberStyles.Float, CultureInfo.InvariantCulture, out double s0) ? s0 : 0;
        return new VideoInfo(
            path,
            sideways ? codedHeight : codedWidth,
            sideways ? codedWidth : codedHeight,
            readable.Value,
            rate,
            codec,
            rotation,
            start,
            Text(stream, "pix_fmt") ?? string.Empty,
            Text(stream, "color_space") ?? string.Empty,
            Text(stream, "color_range") ?? string.Empty);
    }

    private static JsonDocument RunProbe(string path, bool countFrames, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "-v", "error", "-hide_banner",
            "-select_streams", "v:0",
            countFrames ? "-count_frames" : "-count_packets",
            "-show_entries",
            "stream=codec_name,pix_fmt,color_space,color_range,width,height,r_frame_rate,avg_frame_rate,nb_frames,nb_read_packets,nb_read_frames:"
                + "stream_side_data=rotation:stream_tags=rotate:format=format_name,start_time",
            "-of", "json",
            "-i", MediaTool.InputUrl(path),
        ];
        using var tool = MediaTool.Start("ffprobe", arguments, writeInput: false, cancellationToken);
        string text;
        using (var reader = new StreamReader(tool.Output))
        {
            text = reader.ReadToEnd();
        }

        int exit = tool.WaitForExit();
        cancellationToken.ThrowIfCancellationRequested();
        if (exit != 0)
        {
            throw new InvalidDataException($"{path}: not a readable video: ffprobe says: {StripPath(tool.Describe(), path)}");
        }

        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: ffprobe printed output that is not JSON ({e.Message})", e);
        }
    }

    /// <summary>ffprobe prefixes messages with the file name; the caller's message already has it.</summary>
    private static string StripPath(string line, string path)
    {
        string url = MediaTool.InputUrl(path) + ": ";
        return line.StartsWith(url, StringComparison.Ordinal) ? line[url.Length..] : line;
    }

    private static int Rotation(JsonElement stream)
    {
        double degrees = 0;
        if (stream.TryGetProperty("side_data_list", out JsonElement sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in sideData.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out JsonElement r) && r.TryGetDouble(out double value))
                {
                    degrees = value;
                }
            }
        }
        else if (stream.TryGetProperty("tags", out JsonElement tags) && Text(tags, "rotate") is { } rotate
            && double.TryParse(rotate, NumberStyles.Float, CultureInfo.InvariantCulture, out double tagged))
        {
            degrees = -tagged; // the legacy tag is clockwise, the display matrix counter-clockwise
        }

        int quarter = (int)Math.Round(degrees / 90.0);
        return ((quarter % 4) + 4) % 4 * 90;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static int? Integer(JsonElement element, string name) =>
        int.TryParse(Text(element, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;
}
