using Vrs.Grounding.Preprocessing;

namespace Vrs.Grounding.Positions;

/// <summary>
/// Qwen2-VL / Qwen2.5-VL 3-D rotary position ids, as transformers' <c>get_rope_index</c> (v4.49; lvlm-grounding.md §6.4)
/// for one unpadded sequence. <see cref="Positions"/> is [3, length] row-major (temporal, height, width).
/// </summary>
public sealed class MropePositionIds
{
    private MropePositionIds(long[] positions, int length, long ropeDelta)
    {
        Positions = positions;
        Length = length;
        RopeDelta = ropeDelta;
    }

#pragma warning disable CA1819 // The flat [3, length] buffer is what the decoder's position_ids input takes.
    public long[] Positions { get; }
#pragma warning restore CA1819

    public int Length { get; }

    /// <summary>(max position + 1) − length: decode step at cache index p uses p + RopeDelta on all three axes.</summary>
    public long RopeDelta { get; }

    public ReadOnlySpan<long> Axis(int axis) => Positions.AsSpan(axis * Length, Length);

    /// <summary>
    /// Position ids for <paramref name="inputIds"/>. Vision blocks are taken in order of appearance; the i-th image pad
    /// run uses <paramref name="imageGrids"/>[i], the i-th video run <paramref name="videoGrids"/>[i] and, when the
    /// options scale video time, <paramref name="secondsPerGrid"/>[i] (1.0 when absent, as the reference).
    /// A block is any run of pad tokens; the reference counts blocks by <c>&lt;|vision_start|&gt;</c> followed by a pad,
    /// which is the same for every prompt <see cref="Prompting.QwenPrompt"/> builds. Every grid must be used, and every
    /// run must be exactly its grid's token count.
    /// </summary>
    public static MropePositionIds Compute(
        ReadOnlySpan<int> inputIds,
        IReadOnlyList<VisionGrid> imageGrids,
        IReadOnlyList<VisionGrid> videoGrids,
        MropeOptions options,
        IReadOnlyList<float>? secondsPerGrid = null)
    {
        ArgumentNullException.ThrowIfNull(imageGrids);
        ArgumentNullException.ThrowIfNull(videoGrids);
        ArgumentNullException.ThrowIfNull(options);
        int n = inputIds.Length;
        long[] positions = new long[3 * n];
        int merge = options.SpatialMergeSize;
        int st = 0;
        long next = 0;
        int imageIndex = 0;
        int videoIndex = 0;
        while (true)
        {
            int ed = NextBlock(inputIds, st, options, out bool isVideo);
            if (ed < 0)
            {
                break;
            }

            VisionGrid grid;
            float? secondsPerGridT;
            if (isVideo)
            {
                if (videoIndex >= videoGrids.Count)
                {
                    throw new ArgumentException($"the ids hold more video blocks than the {videoGrids.Count} video grids given", nameof(videoGrids));
                }

                grid = videoGrids[videoIndex];
                secondsPerGridT = !options.ScaleVideoTime ? null : (secondsPerGrid is null ? 1f : secondsPerGrid[videoIndex]);
                videoIndex++;
            }
            else
            {
                if (imageIndex >= imageGrids.Count)
                {
                    throw new ArgumentException($"the ids hold more image blocks than the {imageGrids.Count} image grids given", nameof(imageGrids));
                }

                grid = imageGrids[imageIndex];

                // Qwen2.5-VL's get_rope_index gives images second_per_grid_t = 0; Qwen2-VL counts t. Images have t = 1.
                secondsPerGridT = options.ScaleVideoTime ? 0f : null;
                imageIndex++;
            }

            for (int i = st; i < ed; i++)
            {
                Set(positions, n, i, next, next, next);
                next++;
            }

            int gh = grid.Height / merge;
            int gw = grid.Width / merge;
            int count = grid.Temporal * gh * gw;
            int pad = isVideo ? options.VideoPadId : options.ImagePadId;
            if (ed + count > n || inputIds.Slice(ed, count).ContainsAnyExcept(pad))
            {
                throw new ArgumentException($"the vision block at index {ed} should be {count} consecutive pad tokens for grid ({grid.Temporal}, {grid.Height}, {grid.Width}), merge {merge}", nameof(inputIds));
            }

            long s = next;
            long max = s;
            int k = ed;
            for (int t = 0; t < grid.Temporal; t++)
            {
                // torch: (arange(t) · second_per_grid_t · tokens_per_second).long(), in float32, left to right.
                long tPos = s + (secondsPerGridT is float sec ? (long)(t * sec * options.TokensPerSecond) : t);
                for (int y = 0; y < gh; y++)
                {
                    for (int x = 0; x < gw; x++)
                    {
                        Set(positions, n, k++, tPos, s + y, s + x);
                        max = Math.Max(max, Math.Max(tPos, Math.Max(s + y, s + x)));
                    }
                }
            }

            next = max + 1;
            st = ed + count;
        }

        if (imageIndex != imageGrids.Count || videoIndex != videoGrids.Count)
        {
            throw new ArgumentException($"{imageGrids.Count} image and {videoGrids.Count} video grids given, but the ids hold {imageIndex} image and {videoIndex} video blocks");
        }

        for (int i = st; i < n; i++)
        {
            Set(positions, n, i, next, next, next);
            next++;
        }

        return new MropePositionIds(positions, n, next - n);
    }

    /// <summary>The index of the next image or video pad at or after <paramref name="start"/>, or −1.</summary>
    private static int NextBlock(ReadOnlySpan<int> ids, int start, MropeOptions options, out bool isVideo)
    {
        for (int i = start; i < ids.Length; i++)
        {
            if (ids[i] == options.ImagePadId || ids[i] == options.VideoPadId)
            {
                isVideo = ids[i] == options.VideoPadId;
                return i;
            }
        }

        isVideo = false;
        return -1;
    }

    private static void Set(long[] positions, int n, int i, long t, long h, long w)
    {
        positions[i] = t;
        positions[n + i] = h;
        positions[(2 * n) + i] = w;
    }
}
