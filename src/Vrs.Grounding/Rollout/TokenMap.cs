namespace Vrs.Grounding.Rollout;

/// <summary>A stack of 2-D maps [Frames, Height, Width], row-major (t, then row, then column).</summary>
public sealed class TokenMap
{
    public TokenMap(int frames, int height, int width)
        : this(frames, height, width, new float[checked(frames * height * width)])
    {
    }

    public TokenMap(int frames, int height, int width, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != frames * height * width)
        {
            throw new ArgumentException($"{values.Length} values for a {frames}×{height}×{width} map", nameof(values));
        }

        Frames = frames;
        Height = height;
        Width = width;
        Values = values;
    }

    public int Frames { get; }

    public int Height { get; }

    public int Width { get; }

    public int FrameSize => Height * Width;

#pragma warning disable CA1819 // The flat buffer is the point: maps are read and written in place.
    public float[] Values { get; }
#pragma warning restore CA1819

    public float this[int t, int y, int x] => Values[(((t * Height) + y) * Width) + x];

    public Span<float> Frame(int t) => Values.AsSpan(t * FrameSize, FrameSize);

    /// <summary>
    /// The visual entries of a rollout row, "(t h w) → t h w" (DecAF <c>get_smooth_attn_map_thw</c>): the LLM grid of a
    /// vision block is (grid_t, grid_h/merge, grid_w/merge) in raster order (lvlm-grounding.md §2.4).
    /// </summary>
    public static TokenMap FromRolloutRow(ReadOnlySpan<float> row, int visualStart, int frames, int height, int width)
    {
        int count = checked(frames * height * width);
        if (visualStart < 0 || visualStart + count > row.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(visualStart), $"a {frames}×{height}×{width} grid from index {visualStart} does not fit a row of {row.Length}");
        }

        return new TokenMap(frames, height, width, row.Slice(visualStart, count).ToArray());
    }
}
