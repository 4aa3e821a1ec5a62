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

    /// <summary>The map of one vision block of a prompt: its pad span on the merged grid (grid_t, grid_h/m, grid_w/m).</summary>
    public static TokenMap FromRolloutRow(ReadOnlySpan<float> row, Prompting.VisionSpan span, int mergeSize = 2)
    {
        ArgumentNullException.ThrowIfNull(span);
        return FromRolloutRow(row, span.Start, span.Grid.Temporal, span.Grid.Height / mergeSize, span.Grid.Width / mergeSize);
    }

    /// <summary>Frame mode: one single-image prompt per frame, their one-slice maps stacked along time (t = frame).</summary>
    public static TokenMap Stack(IReadOnlyList<TokenMap> maps)
    {
        ArgumentNullException.ThrowIfNull(maps);
        if (maps.Count == 0)
        {
            throw new ArgumentException("nothing to stack", nameof(maps));
        }

        int h = maps[0].Height;
        int w = maps[0].Width;
        int frames = maps.Sum(m => m.Frames);
        TokenMap result = new(frames, h, w);
        int t = 0;
        foreach (TokenMap m in maps)
        {
            if (m.Height != h || m.Width != w)
            {
                throw new ArgumentException($"cannot stack a {m.Height}×{m.Width} map onto {h}×{w} ones", nameof(maps));
            }

            m.Values.CopyTo(result.Values, t * h * w);
            t += m.Frames;
        }

        return result;
    }
}
