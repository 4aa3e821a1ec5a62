using Vrs.Benchmarks.Metrics;

namespace Vrs.Benchmarks.Tests.Metrics;

/// <summary>
/// The fused scanner and the sparse matcher against the plain definitions on many random frames: boundary points
/// equal <see cref="BoundaryMap"/>, and F equals counting against a materialised disk dilation.
/// </summary>
public sealed class ScannerConsistencyTests
{
    public static TheoryData<int, int, int> Sizes => new()
    {
        { 1, 1, 1 }, { 3, 1, 2 }, { 1, 5, 3 }, { 31, 7, 4 }, { 32, 7, 5 }, { 33, 7, 6 }, { 34, 9, 7 }, { 63, 20, 8 },
        { 64, 20, 9 }, { 65, 21, 10 }, { 97, 40, 11 }, { 130, 90, 12 }, { 301, 200, 13 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Scanner_points_equal_the_boundary_map(int width, int height, int seed)
    {
        for (int trial = 0; trial < 4; trial++)
        {
            byte[] gt = RandomMask(width, height, (ulong)((seed * 100) + trial), trial);
            byte[] pred = RandomMask(width, height, (ulong)((seed * 100) + trial + 50), trial + 1);
            byte[] voidMask = trial == 3 ? RandomMask(width, height, (ulong)seed, 0) : [];
            foreach (bool useVectors in new[] { true, false })
            {
                var gtPoints = new BoundaryBits();
                var predPoints = new BoundaryBits();
                FrameScanner.Scan(gt, pred, voidMask, [], width, height, gtPoints, predPoints, useVectors);
                Assert.Equal(ExpectedPoints(gt, voidMask, width, height), Points(gtPoints));
                Assert.Equal(ExpectedPoints(pred, voidMask, width, height), Points(predPoints));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Sparse_matching_equals_a_materialised_dilation(int width, int height, int seed)
    {
        var evaluator = new FrameEvaluator();
        for (int trial = 0; trial < 4; trial++)
        {
            byte[] gt = RandomMask(width, height, (ulong)((seed * 100) + trial), trial);
            byte[] pred = RandomMask(width, height, (ulong)((seed * 100) + trial + 50), (trial + 2) % 4);
            double expected = ReferenceF(gt, pred, width, height);
            Assert.Equal(expected, evaluator.Evaluate(gt, pred, width, height).F);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(70)]
    public void Matching_at_any_radius_equals_a_materialised_dilation(int radius)
    {
        // Radii beyond 63 take the point-by-point path only and span three bitset words per test.
        const int Width = 200;
        const int Height = 150;
        var matcher = new BoundaryMatcher();
        for (int trial = 0; trial < 4; trial++)
        {
            byte[] gt = RandomMask(Width, Height, (ulong)(radius + (10 * trial)), trial);
            byte[] pred = RandomMask(Width, Height, (ulong)(radius + (10 * trial) + 5), (trial + 1) % 4);
            var gtBits = new BoundaryBits();
            var predBits = new BoundaryBits();
            FrameScanner.Scan(gt, pred, [], [], Width, Height, gtBits, predBits);
            bool[] gtDilated = Dilate(Map(gt, Width, Height), Width, Height, radius);
            byte[] predMap = Map(pred, Width, Height);
            long expected = Enumerable.Range(0, predMap.Length).Count(i => predMap[i] != 0 && gtDilated[i]);
            Assert.Equal(expected, matcher.CountMatched(predBits, gtBits, radius));
        }
    }

    private static byte[] Map(byte[] mask, int width, int height)
    {
        var map = new byte[mask.Length];
        BoundaryMap.Compute(mask, width, height, map);
        return map;
    }

    // Style 0: sparse noise; 1: dense noise; 2: rectangles; 3: rectangles with a few holes.
    private static byte[] RandomMask(int width, int height, ulong seed, int style)
    {
        var mask = new byte[width * height];
        if (style <= 1)
        {
            ulong percent = style == 0 ? 3UL : 45UL;
            for (int i = 0; i < mask.Length; i++)
            {
                mask[i] = GoldenMasks.Hash(seed, (ulong)i) % 100 < percent ? (byte)255 : (byte)0;
            }

            return mask;
        }

        for (int r = 0; r < 3; r++)
        {
            int x0 = (int)(GoldenMasks.Hash(seed, (ulong)(4 * r)) % (ulong)width);
            int y0 = (int)(GoldenMasks.Hash(seed, (ulong)((4 * r) + 1)) % (ulong)height);
            int x1 = Math.Min(width, x0 + 1 + (int)(GoldenMasks.Hash(seed, (ulong)((4 * r) + 2)) % (ulong)width));
            int y1 = Math.Min(height, y0 + 1 + (int)(GoldenMasks.Hash(seed, (ulong)((4 * r) + 3)) % (ulong)height));
            for (int y = y0; y < y1; y++)
            {
                mask.AsSpan((y * width) + x0, x1 - x0).Fill(1);
            }
        }

        if (style == 3)
        {
            for (int i = 0; i < mask.Length; i++)
            {
                mask[i] = GoldenMasks.Hash(seed + 7, (ulong)i) % 50 == 0 ? (byte)0 : mask[i];
            }
        }

        return mask;
    }

    private static List<(int X, int Y)> ExpectedPoints(byte[] mask, byte[] voidMask, int width, int height)
    {
        byte[] masked = voidMask.Length == 0 ? mask : mask.Select((m, i) => voidMask[i] != 0 ? (byte)0 : m).ToArray();
        var map = new byte[mask.Length];
        BoundaryMap.Compute(masked, width, height, map);
        var points = new List<(int X, int Y)>();
        for (int i = 0; i < map.Length; i++)
        {
            if (map[i] != 0)
            {
                points.Add((i % width, i / width));
            }
        }

        return points;
    }

    private static List<(int X, int Y)> Points(BoundaryBits bits)
    {
        var list = new List<(int X, int Y)>();
        for (int y = 0; y < bits.Height; y++)
        {
            for (int x = 0; x < bits.Stride * 64; x++)
            {
                if ((bits.Row(y)[x >> 6] & (1UL << (x & 63))) != 0)
                {
                    list.Add((x, y));
                }
            }
        }

        Assert.Equal(list.Count, bits.Count);
        return list;
    }

    // f_measure with both dilations materialised over the full disk footprint.
    private static double ReferenceF(byte[] gt, byte[] pred, int width, int height)
    {
        var gtMap = new byte[gt.Length];
        var predMap = new byte[pred.Length];
        BoundaryMap.Compute(gt, width, height, gtMap);
        BoundaryMap.Compute(pred, width, height, predMap);
        int r = BoundaryTolerance.Radius(width, height);
        bool[] gtDilated = Dilate(gtMap, width, height, r);
        bool[] predDilated = Dilate(predMap, width, height, r);
        long nPred = predMap.Count(b => b != 0);
        long nGt = gtMap.Count(b => b != 0);
        long predMatched = Enumerable.Range(0, gt.Length).Count(i => predMap[i] != 0 && gtDilated[i]);
        long gtMatched = Enumerable.Range(0, gt.Length).Count(i => gtMap[i] != 0 && predDilated[i]);
        return BoundaryFMeasure.FromCounts(nPred, nGt, predMatched, gtMatched);
    }

    private static bool[] Dilate(byte[] map, int width, int height, int r)
    {
        var dilated = new bool[map.Length];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                if (map[(y * width) + x] == 0)
                {
                    continue;
                }

                for (int dy = -r; dy <= r; dy++)
                {
                    for (int dx = -r; dx <= r; dx++)
                    {
                        int yy = y + dy;
                        int xx = x + dx;
                        if ((dx * dx) + (dy * dy) <= r * r && yy >= 0 && yy < height && xx >= 0 && xx < width)
                        {
                            dilated[(yy * width) + xx] = true;
                        }
                    }
                }
            }
        }

        return dilated;
    }
}
