using System.Text.Json;

namespace Vrs.Cli.Tests;

/// <summary>
/// <c>vrs ground</c> with the stand-in on a clip as a user would have it: 640×360, typical H.264 (CRF 23, 4:2:0), a
/// saturated-but-not-pure red disc and green square (no pure palette RGB) over grey noise. The stand-in must name
/// them as a person would.
/// </summary>
public sealed class GroundColourNamingTests : IDisposable
{
    private const int W = 640;
    private const int H = 360;
    private const int Frames = 8;

    // Disc centre (170 + 3t, 180), radius 55; square (400 + 3t, 110) to (500 + 3t, 210).
    private const int DiscX = 170;
    private const int DiscY = 180;
    private const int Radius = 55;
    private const int SquareX = 400;
    private const int SquareY = 110;
    private const int Side = 100;

    /// <summary>
    /// One token cell of the video-level grid in video pixels: smart_resize(360, 640) at 400 tokens is 364×644, 13×23
    /// cells of 28 px, i.e. 27.7 video px. A peak is a cell's centre, so it lies within one cell of the shape it is on.
    /// </summary>
    private const int Cell = 28;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-ground-colours-" + Guid.NewGuid().ToString("N"));

    public GroundColourNamingTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("the red ball", "red", true)]
    [InlineData("which object is green?", "green", false)]
    public async Task Saturated_shapes_over_grey_noise_are_named_by_their_colour_and_the_fused_map_peaks_on_them(string query, string colour, bool disc)
    {
        (string video, string models) = await Prepare();
        string json = Path.Combine(_root, "report.json");

        (int code, string output, string error) = await Cli.RunAsync("ground", video, "--models", models, "--query", query, "--frames", "8", "--json", json, "--quiet");

        Assert.True(code == 0, error);
        Assert.Contains($"answer: {colour} object", output, StringComparison.Ordinal);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement[] frames = [.. report.RootElement.GetProperty("frames").EnumerateArray()];
        Assert.Equal(Frames, frames.Length);
        foreach (JsonElement frame in frames)
        {
            int t = frame.GetProperty("index").GetInt32();
            double px = frame.GetProperty("peak").GetProperty("x").GetDouble();
            double py = frame.GetProperty("peak").GetProperty("y").GetDouble();
            (double x1, double y1, double x2, double y2) = disc
                ? (DiscX + (3 * t) - Radius, DiscY - Radius, DiscX + (3 * t) + Radius, DiscY + Radius)
                : (SquareX + (3 * t), SquareY, SquareX + (3 * t) + Side, SquareY + Side);
            Assert.True(
                px >= x1 - Cell && px <= x2 + Cell && py >= y1 - Cell && py <= y2 + Cell,
                $"frame {t}: fused peak at ({px}, {py}), the {colour} shape spans ({x1}, {y1})–({x2}, {y2})");
        }
    }

    private async Task<(string Video, string Models)> Prepare()
    {
        (int code, _, string error) = await Cli.RunAsync("models", "standin", "--out", Path.Combine(_root, "models"));
        Assert.True(code == 0, error);
        string video = Path.Combine(_root, "clip.mp4");
        await Cli.WriteVideoAsync(video, W, H, Frames, Pixel, VideoQuality.Typical);
        return (video, Path.Combine(_root, "models", "lvlm"));
    }

    private static (byte R, byte G, byte B) Pixel(int t, int x, int y)
    {
        int dx = x - (DiscX + (3 * t));
        int dy = y - DiscY;
        if ((dx * dx) + (dy * dy) <= Radius * Radius)
        {
            return (200, 40, 40);
        }

        if (x >= SquareX + (3 * t) && x < SquareX + (3 * t) + Side && y >= SquareY && y < SquareY + Side)
        {
            return (40, 170, 60);
        }

        // Grey noise 98–158 (a hash of the pixel and the frame): mid lightness, no hue, so no colour name.
        uint hash = unchecked(((uint)x * 73856093u) ^ ((uint)y * 19349663u) ^ ((uint)t * 83492791u));
        hash = unchecked((hash ^ (hash >> 13)) * 1274126177u);
        byte grey = (byte)(98 + ((hash >> 16) % 61));
        return (grey, grey, grey);
    }
}
