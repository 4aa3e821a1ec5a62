using System.Diagnostics;

namespace Vrs.Cli.Tests;

/// <summary>What the CLI tests share: running the real command tree with captured streams, and encoding test videos.</summary>
internal static class Cli
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = await VrsApplication.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Writes a synthetic clip: <paramref name="frames"/> frames of width×height whose pixel (t, x, y) is
    /// <paramref name="colour"/>(t, x, y), as an H.264 mp4 (10 fps) through Debian's ffmpeg: near-lossless by default,
    /// or as a phone or a web download would have it (<see cref="VideoQuality.Typical"/>).
    /// </summary>
    public static async Task WriteVideoAsync(string video, int width, int height, int frames, Func<int, int, int, (byte R, byte G, byte B)> colour, VideoQuality quality = VideoQuality.NearLossless)
    {
        string raw = video + ".rgb";
        using (FileStream stream = File.Create(raw))
        {
            var frame = new byte[width * height * 3];
            for (int t = 0; t < frames; t++)
            {
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        int p = ((y * width) + x) * 3;
                        (frame[p], frame[p + 1], frame[p + 2]) = colour(t, x, y);
                    }
                }

                stream.Write(frame);
            }
        }

        await EncodeRgbAsync(raw, width, height, video, quality);
        File.Delete(raw);
    }

    /// <summary>Encodes raw rgb24 frames (width×height each, 10 fps) into an H.264 mp4 with Debian's ffmpeg.</summary>
    private static async Task EncodeRgbAsync(string raw, int width, int height, string video, VideoQuality quality)
    {
        // Typical: libx264's default CRF 23 with 4:2:0 chroma (a quarter of the colour resolution), what most real clips are.
        (string crf, string chroma) = quality == VideoQuality.Typical ? ("23", "yuv420p") : ("10", "yuv444p");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (string argument in new[] { "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-r", "10", "-i", raw, "-c:v", "libx264", "-crf", crf, "-pix_fmt", chroma, video })
        {
            info.ArgumentList.Add(argument);
        }

        using Process ffmpeg = Process.Start(info)!;
        string error = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, error);
    }
}

internal enum VideoQuality
{
    NearLossless,
    Typical,
}
