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
    /// <paramref name="colour"/>(t, x, y), as a near-lossless H.264 mp4 (10 fps) through Debian's ffmpeg.
    /// </summary>
    public static async Task WriteVideoAsync(string video, int width, int height, int frames, Func<int, int, int, (byte R, byte G, byte B)> colour)
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

        await EncodeRgbAsync(raw, width, height, video);
        File.Delete(raw);
    }

    /// <summary>Encodes raw rgb24 frames (width×height each, 10 fps) into a near-lossless H.264 mp4 with Debian's ffmpeg.</summary>
    private static async Task EncodeRgbAsync(string raw, int width, int height, string video)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (string argument in new[] { "-loglevel", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", $"{width}x{height}", "-r", "10", "-i", raw, "-c:v", "libx264", "-crf", "10", "-pix_fmt", "yuv444p", video })
        {
            info.ArgumentList.Add(argument);
        }

        using Process ffmpeg = Process.Start(info)!;
        string error = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, error);
    }
}
