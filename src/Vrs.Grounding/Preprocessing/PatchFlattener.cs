namespace Vrs.Grounding.Preprocessing;

/// <summary>
/// The processor's patch flattening (lvlm-grounding.md §6.2; the permutation (0,3,6,4,7,2,1,5,8) of the 9-D view in
/// <c>image_processing_qwen2_vl.py</c>): row = ((gt·H/m + bh)·W/m + bw)·m² + mh·m + mw, column = ((c·T + tt)·p + py)·p + px,
/// so every m² consecutive rows are one merge window and the merged tokens come out in (t, row, column) raster order.
/// </summary>
public static class PatchFlattener
{
    /// <param name="frames">Channels-first normalised frames [3, height, width]; their count a multiple of the temporal patch.</param>
    public static void Flatten(IReadOnlyList<float[]> frames, int height, int width, QwenVisionConfig config, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(config);
        int p = config.PatchSize;
        int m = config.MergeSize;
        int tp = config.TemporalPatchSize;
        if (height % (p * m) != 0 || width % (p * m) != 0 || frames.Count % tp != 0)
        {
            throw new ArgumentException($"a {width}×{height}×{frames.Count} stack does not tile into {p * m}-px windows and pairs of {tp} frames");
        }

        int gridT = frames.Count / tp;
        int gridH = height / p;
        int gridW = width / p;
        int dim = config.PatchDimension;
        if (destination.Length != gridT * gridH * gridW * dim)
        {
            throw new ArgumentException($"destination has {destination.Length} floats, want {gridT * gridH * gridW}×{dim}", nameof(destination));
        }

        int plane = height * width;
        int row = 0;
        for (int gt = 0; gt < gridT; gt++)
        {
            for (int bh = 0; bh < gridH / m; bh++)
            {
                for (int bw = 0; bw < gridW / m; bw++)
                {
                    for (int mh = 0; mh < m; mh++)
                    {
                        for (int mw = 0; mw < m; mw++)
                        {
                            Span<float> outRow = destination.Slice(row * dim, dim);
                            int y0 = ((bh * m) + mh) * p;
                            int x0 = ((bw * m) + mw) * p;
                            int col = 0;
                            for (int c = 0; c < 3; c++)
                            {
                                for (int tt = 0; tt < tp; tt++)
                                {
                                    ReadOnlySpan<float> frame = frames[(gt * tp) + tt].AsSpan(c * plane, plane);
                                    for (int py = 0; py < p; py++)
                                    {
                                        frame.Slice(((y0 + py) * width) + x0, p).CopyTo(outRow.Slice(col, p));
                                        col += p;
                                    }
                                }
                            }

                            row++;
                        }
                    }
                }
            }
        }
    }
}
