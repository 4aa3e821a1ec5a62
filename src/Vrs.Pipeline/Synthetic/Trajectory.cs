namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// An object's centre over time: straight lines between keyframes (held before the first and after the last),
/// plus an optional sine wobble on top. A centre outside the frame is how objects enter late and leave.
/// </summary>
public sealed record Trajectory
{
    public Trajectory(IReadOnlyList<Keyframe> keys, float wobbleX = 0, float wobbleY = 0, float wobblePeriod = 0)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("a trajectory needs at least one keyframe", nameof(keys));
        }

        for (int i = 1; i < keys.Count; i++)
        {
            if (keys[i].Frame <= keys[i - 1].Frame)
            {
                throw new ArgumentException($"keyframes must have increasing frames; {keys[i].Frame} follows {keys[i - 1].Frame}", nameof(keys));
            }
        }

        if ((wobbleX != 0 || wobbleY != 0) && wobblePeriod <= 0)
        {
            throw new ArgumentException($"a wobble needs a positive period in frames; got {wobblePeriod}", nameof(wobblePeriod));
        }

        Keys = keys;
        WobbleX = wobbleX;
        WobbleY = wobbleY;
        WobblePeriod = wobblePeriod;
    }

    public IReadOnlyList<Keyframe> Keys { get; }

    /// <summary>Amplitude of the sine added to X, pixels.</summary>
    public float WobbleX { get; }

    /// <summary>Amplitude of the sine added to Y, pixels.</summary>
    public float WobbleY { get; }

    /// <summary>Frames per full wobble cycle.</summary>
    public float WobblePeriod { get; }

    /// <summary>Stays at (x, y).</summary>
    public static Trajectory Still(float x, float y) => new([new Keyframe(0, x, y)]);

    /// <summary>From (x0, y0) at frame <paramref name="from"/> to (x1, y1) at frame <paramref name="to"/>.</summary>
    public static Trajectory Line(int from, float x0, float y0, int to, float x1, float y1) =>
        new([new Keyframe(from, x0, y0), new Keyframe(to, x1, y1)]);

    /// <summary>The centre at <paramref name="frame"/>.</summary>
    public (float X, float Y) At(int frame)
    {
        (float x, float y) = Interpolate(frame);
        if (WobblePeriod > 0)
        {
            float phase = MathF.Sin(2 * MathF.PI * frame / WobblePeriod);
            x += WobbleX * phase;
            y += WobbleY * phase;
        }

        return (x, y);
    }

    private (float X, float Y) Interpolate(int frame)
    {
        if (frame <= Keys[0].Frame)
        {
            return (Keys[0].X, Keys[0].Y);
        }

        for (int i = 1; i < Keys.Count; i++)
        {
            Keyframe b = Keys[i];
            if (frame <= b.Frame)
            {
                Keyframe a = Keys[i - 1];
                float s = (float)(frame - a.Frame) / (b.Frame - a.Frame);
                return (a.X + ((b.X - a.X) * s), a.Y + ((b.Y - a.Y) * s));
            }
        }

        return (Keys[^1].X, Keys[^1].Y);
    }
}
