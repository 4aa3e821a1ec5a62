using System.Diagnostics;
using Vrs.Media.Png;

namespace Vrs.Media.Tests.Video;

/// <summary>
/// Tiny synthetic videos made once per test run with ffmpeg itself. Frame i is a known picture: a flat colour
/// that encodes i (red = 8·i, so lossy codecs still identify it) with a small gradient that makes lossless
/// checks meaningful.
/// </summary>
public sealed class SyntheticMedia : IDisposable
{
    public const int Width = 64;
    public const int Height = 48;
    public const int Frames = 30;

    public SyntheticMedia()
    {
        Root = Path.Combine(Path.GetTempPath(), $"vrs-video-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        FrameFolder = Path.Combine(Root, "frames");
        string sequence = Path.Combine(Root, "sequence");
        Directory.CreateDirectory(FrameFolder);
        Directory.CreateDirectory(sequence);
        for (int i = 0; i < Frames; i++)
        {
            byte[] rgb = Expected(i);
            PngRgbEncoder.Write(Path.Combine(FrameFolder, $"f{i * 5:D4}.png"), rgb, Width, Height);
            PngRgbEncoder.Write(Path.Combine(sequence, $"{i:D4}.png"), rgb, Width, Height);
        }

        string pattern = Path.Combine(sequence, "%04d.png");
        Lossless = Encode("lossless.mkv", "-c:v", "ffv1", "-pix_fmt", "bgr0");
        H264 = Encode("h264.mp4", "-c:v", "libx264", "-g", "8", "-pix_fmt", "yuv420p", "-movflags", "+faststart");
        Mjpeg = Encode("mjpeg.avi", "-c:v", "mjpeg", "-q:v", "2", "-pix_fmt", "yuvj420p");
        Vp9 = Encode("vp9.webm", "-c:v", "libvpx-vp9", "-g", "8", "-crf", "10", "-b:v", "0", "-pix_fmt", "yuv420p");
        H264Mkv = Encode("h264.mkv", "-c:v", "libx264", "-g", "8", "-bf", "2", "-pix_fmt", "yuv420p");

        string Encode(string name, params string[] codec)
        {
            string output = Path.Combine(Root, name);
            Ffmpeg(["-framerate", "25", "-start_number", "0", "-i", pattern, .. codec, output]);
            return output;
        }
    }

    public string Root { get; }

    /// <summary>PNG frames named f0000, f0005, …, f0145.</summary>
    public string FrameFolder { get; }

    public string Lossless { get; }

    public string H264 { get; }

    public string Mjpeg { get; }

    public string Vp9 { get; }

    public string H264Mkv { get; }

    /// <summary>The exact RGB bytes of frame <paramref name="index"/>.</summary>
    public static byte[] Expected(int index)
    {
        var rgb = new byte[Width * Height * 3];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                int o = ((y * Width) + x) * 3;
                rgb[o] = (byte)(index * 8);
                rgb[o + 1] = (byte)(40 + x);
                rgb[o + 2] = (byte)(200 - (2 * y));
            }
        }

        return rgb;
    }

    /// <summary>Which frame a decoded picture shows, from its mean red (robust to lossy codecs).</summary>
    public static int IdentifyFrame(byte[] rgb)
    {
        long red = 0;
        for (int i = 0; i < rgb.Length; i += 3)
        {
            red += rgb[i];
        }

        return (int)Math.Round(red / (double)(rgb.Length / 3) / 8.0);
    }

    /// <summary>Runs ffmpeg with an argument list; fails the test with its stderr on error.</summary>
    public static void Ffmpeg(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in (string[])["-nostdin", "-v", "error", "-y", .. arguments])
        {
            info.ArgumentList.Add(a);
        }

        using Process process = Process.Start(info)!;
        string stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', info.ArgumentList)} failed: {stderr}");
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in /tmp are harmless.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SyntheticMediaCollection : ICollectionFixture<SyntheticMedia>
{
    public const string Name = "synthetic media";
}
