using System.Diagnostics;
using System.Globalization;
using Vrs.Media.Video;

// Usage: Vrs.Media.Bench VIDEO [ROUNDS]. Alternates bare ffmpeg (raw rgb24 to /dev/null) and FrameSource over the
// same file, reports the median wall time of each and their ratio (bare / FrameSource: 1.0 = as fast as ffmpeg).
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Vrs.Media.Bench VIDEO [ROUNDS]");
    return 2;
}

string video = args[0];
int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
VideoInfo info = VideoProbe.Probe(video);
Console.WriteLine($"video      {video}: {info.Width}×{info.Height}, {info.FrameCount} frames, {info.Codec}, {info.FrameRate} fps");

var bare = new List<double>();
var source = new List<double>();
var open = new List<double>();
long checksum = 0;
long allocated = 0;
for (int round = 0; round <= rounds; round++)
{
    double b = TimeBare(video);
    (double o, double s, long sum, long bytes) = TimeFrameSource(video, info.FrameCount);
    if (round == 0)
    {
        continue; // warm-up: page cache, JIT
    }

    bare.Add(b);
    source.Add(s);
    open.Add(o);
    checksum = sum;
    allocated = bytes;
}

double bareMedian = Median(bare);
double sourceMedian = Median(source);
double openMedian = Median(open);
Console.WriteLine($"bare       ffmpeg -i f -f rawvideo -pix_fmt rgb24 -y /dev/null: median {bareMedian:F3} s ({info.FrameCount / bareMedian:F1} frames/s) over {rounds} rounds");
Console.WriteLine($"open       FrameSource.Open() (ffprobe, exact packet count):  median {openMedian:F3} s, once per video");
Console.WriteLine($"framesrc   FrameSource.Read() over every frame:               median {sourceMedian:F3} s ({info.FrameCount / sourceMedian:F1} frames/s)");
Console.WriteLine($"allocated  {allocated / 1024.0:F0} KiB managed per full Read (one frame buffer is {info.Width * info.Height * 3 / 1024.0:F0} KiB); checksum {checksum}");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio      {bareMedian / sourceMedian:F3} decoding (Read vs bare ffmpeg; target >= 0.80), {bareMedian / (sourceMedian + openMedian):F3} with Open"));
return 0;

static double TimeBare(string video)
{
    var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true };
    foreach (string a in (string[])["-nostdin", "-hide_banner", "-loglevel", "error", "-i", video, "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", "/dev/null"])
    {
        info.ArgumentList.Add(a);
    }

    var clock = Stopwatch.StartNew();
    using Process process = Process.Start(info)!;
    string stderr = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"bare ffmpeg failed: {stderr}");
    }

    return clock.Elapsed.TotalSeconds;
}

static (double Open, double Read, long Checksum, long Allocated) TimeFrameSource(string video, int expected)
{
    var opening = Stopwatch.StartNew();
    using FrameSource frames = FrameSource.Open(video);
    double open = opening.Elapsed.TotalSeconds;
    long before = GC.GetTotalAllocatedBytes(precise: true);
    var clock = Stopwatch.StartNew();
    long sum = 0;
    int count = 0;
    foreach (RgbFrame frame in frames.Read())
    {
        sum += frame.Pixels[count * 997 % frame.Pixels.Length];
        count++;
    }

    double seconds = clock.Elapsed.TotalSeconds;
    if (count != expected)
    {
        throw new InvalidOperationException($"FrameSource read {count} frames, expected {expected}");
    }

    return (open, seconds, sum, GC.GetTotalAllocatedBytes(precise: true) - before);
}

static double Median(List<double> values)
{
    double[] sorted = [.. values.Order()];
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
