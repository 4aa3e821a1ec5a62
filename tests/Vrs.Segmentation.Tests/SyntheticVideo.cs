namespace Vrs.Segmentation.Tests;

/// <summary>A solid-colour object's path: its colour, size and top-left corner per frame (drawn in list order, later on top).</summary>
internal sealed record MovingObject(int Id, byte R, byte G, byte B, int Width, int Height, Func<int, (int X, int Y)> Position);

/// <summary>
/// Videos drawn in memory: a textured grey background (checker plus deterministic noise) and solid-colour
/// rectangles that move, leave the frame and come back, and cross each other. Ground truth is each object's
/// visible pixels (occlusion by objects drawn later removed).
/// </summary>
internal sealed class SyntheticVideo
{
    private SyntheticVideo(int width, int height, List<byte[]> frames, Dictionary<int, List<byte[]>> truth)
    {
        Width = width;
        Height = height;
        Frames = frames;
        Truth = truth;
    }

    public int Width { get; }

    public int Height { get; }

    public IReadOnlyList<byte[]> Frames { get; }

    /// <summary>Per object id, per frame: 0/1 visible mask.</summary>
    public IReadOnlyDictionary<int, List<byte[]>> Truth { get; }

    public InMemoryFrameProvider Provider() => new(Frames, Width, Height);

    public static readonly MovingObject Red = new(1, 220, 40, 40, 40, 32, t => (10 + (3 * t), 20));

    /// <summary>Green: moves right, is fully out of the frame from about frame 14 to 25, comes back.</summary>
    public static readonly MovingObject Green = new(2, 40, 200, 60, 30, 30, t => (t < 20 ? 150 + (9 * t) : 150 + (9 * (40 - t)), 120));

    /// <summary>Blue: moves up across the red object's path, drawn on top of it.</summary>
    public static readonly MovingObject Blue = new(3, 40, 60, 220, 28, 28, t => (70, 150 - (4 * t)));

    public static SyntheticVideo Make(int frameCount, int width = 256, int height = 192, params MovingObject[] objects)
    {
        if (objects.Length == 0)
        {
            objects = [Red, Green, Blue];
        }

        var frames = new List<byte[]>(frameCount);
        var truth = objects.ToDictionary(o => o.Id, _ => new List<byte[]>(frameCount));
        var owner = new int[width * height];
        for (int t = 0; t < frameCount; t++)
        {
            var rgb = new byte[width * height * 3];
            Array.Fill(owner, 0);
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    uint hash = (uint)((x * 73856093) ^ (y * 19349663) ^ (t * 83492791));
                    int value = 90 + ((((x / 8) + (y / 8)) & 1) * 40) + (int)(hash % 24);
                    int p = ((y * width) + x) * 3;
                    rgb[p] = (byte)value;
                    rgb[p + 1] = (byte)(value + 5);
                    rgb[p + 2] = (byte)(value - 5);
                }
            }

            foreach (MovingObject o in objects)
            {
                (int ox, int oy) = o.Position(t);
                for (int y = Math.Max(0, oy); y < Math.Min(height, oy + o.Height); y++)
                {
                    for (int x = Math.Max(0, ox); x < Math.Min(width, ox + o.Width); x++)
                    {
                        int p = (y * width) + x;
                        owner[p] = o.Id;
                        rgb[p * 3] = o.R;
                        rgb[(p * 3) + 1] = o.G;
                        rgb[(p * 3) + 2] = o.B;
                    }
                }
            }

            frames.Add(rgb);
            foreach (MovingObject o in objects)
            {
                var mask = new byte[width * height];
                for (int p = 0; p < mask.Length; p++)
                {
                    mask[p] = owner[p] == o.Id ? (byte)1 : (byte)0;
                }

                truth[o.Id].Add(mask);
            }
        }

        return new SyntheticVideo(width, height, frames, truth);
    }

    /// <summary>The centre of an object's visible pixels on a frame (a click position).</summary>
    public (float X, float Y) Centre(int objectId, int frame)
    {
        byte[] mask = Truth[objectId][frame];
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int p = 0; p < mask.Length; p++)
        {
            if (mask[p] != 0)
            {
                sx += p % Width;
                sy += p / Width;
                n++;
            }
        }

        Assert.True(n > 0, $"object {objectId} is not visible on frame {frame}");
        return ((float)(sx / n) + 0.5f, (float)(sy / n) + 0.5f);
    }
}
