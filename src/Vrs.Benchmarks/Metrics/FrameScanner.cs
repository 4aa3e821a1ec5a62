using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vrs.Benchmarks.Metrics;

/// <summary>
/// One pass over a frame pair that yields both boundary bitsets (<c>_seg2bmap</c> semantics) and the pixel
/// sums for J, R and A. Rows are processed 32 pixels at a time with AVX2; each row reads itself and the row
/// below, so the frame streams through the cache once. Column W−1 and narrow frames take the scalar path.
/// </summary>
internal static class FrameScanner
{
    private const int Lanes = 32;

    // 32 zero bytes then 32 0xFF bytes: loading at 32 − k gives a vector whose first k lanes are cleared.
    private static ReadOnlySpan<byte> LaneMaskTable =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ];

    /// <param name="voidMask">empty: no void pixels.</param>
    /// <param name="foreground">empty: skip the ReVOS sums (Negative, Positive, Equal stay 0) unless <paramref name="revos"/>.</param>
    /// <param name="revos">compute Negative and Equal even without a foreground mask (the caller knows its sum).</param>
    public static FrameCounts Scan(
        ReadOnlySpan<byte> groundTruth,
        ReadOnlySpan<byte> prediction,
        ReadOnlySpan<byte> voidMask,
        ReadOnlySpan<byte> foreground,
        int width,
        int height,
        BoundaryBits groundTruthBoundary,
        BoundaryBits predictionBoundary,
        bool useVectors = true,
        bool revos = false)
    {
        // The vector path reads without bounds checks, so sizes are checked here once per frame.
        int pixels = checked(width * height);
        if (groundTruth.Length != pixels || prediction.Length != pixels
            || (!voidMask.IsEmpty && voidMask.Length != pixels) || (!foreground.IsEmpty && foreground.Length != pixels))
        {
            throw new ArgumentException($"every mask of a frame must hold {width}x{height} = {pixels} pixels");
        }

        groundTruthBoundary.Reset(width, height);
        predictionBoundary.Reset(width, height);
        var scan = new RowScan(groundTruth, prediction, voidMask, foreground, revos, width, groundTruthBoundary, predictionBoundary);
        bool vector = useVectors && Avx2.IsSupported && width > Lanes;
        for (int y = 0; y < height; y++)
        {
            int current = y * width;
            int below = y + 1 < height ? current + width : current;
            int x = 0;
            if (vector)
            {
                x = scan.VectorColumns(y, current, below);
            }

            for (; x < width; x++)
            {
                scan.Pixel(y, current, below, x, y + 1 < height);
            }
        }

        return scan.Finish();
    }

    private ref struct RowScan
    {
        private readonly ReadOnlySpan<byte> _groundTruth;
        private readonly ReadOnlySpan<byte> _prediction;
        private readonly ReadOnlySpan<byte> _void;
        private readonly ReadOnlySpan<byte> _foreground;
        private readonly int _width;
        private readonly bool _hasVoid;
        private readonly bool _revos;
        private readonly bool _hasForeground;
        private readonly BoundaryBits _groundTruthBoundary;
        private readonly BoundaryBits _predictionBoundary;
        private FrameCounts _counts;
        private Vector256<ulong> _negative;
        private Vector256<ulong> _positive;

        public RowScan(
            ReadOnlySpan<byte> groundTruth,
            ReadOnlySpan<byte> prediction,
            ReadOnlySpan<byte> voidMask,
            ReadOnlySpan<byte> foreground,
            bool revos,
            int width,
            BoundaryBits groundTruthBoundary,
            BoundaryBits predictionBoundary)
        {
            _groundTruth = groundTruth;
            _prediction = prediction;
            _void = voidMask;
            _foreground = foreground;
            _width = width;
            _hasVoid = !voidMask.IsEmpty;
            _revos = revos || !foreground.IsEmpty;
            _hasForeground = !foreground.IsEmpty;
            _groundTruthBoundary = groundTruthBoundary;
            _predictionBoundary = predictionBoundary;
        }

        public FrameCounts Finish()
        {
            FrameCounts counts = _counts;
            counts.Negative += Vector256.Sum(_negative);
            counts.Positive += Vector256.Sum(_positive);
            return counts;
        }

        /// <summary>Columns 0 .. W−2 of one row in 32-lane chunks (the last chunk overlaps and masks); returns W − 1.</summary>
        public int VectorColumns(int y, int current, int below)
        {
            int lastStart = _width - Lanes - 1;
            int x = 0;
            for (; x <= lastStart; x += Lanes)
            {
                Chunk(y, current, below, x, uint.MaxValue, Vector256<byte>.AllBitsSet);
            }

            int skip = x - lastStart;
            if (x < _width - 1)
            {
                Vector256<byte> keepLanes = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(LaneMaskTable), (nuint)(Lanes - skip));
                Chunk(y, current, below, lastStart, uint.MaxValue << skip, keepLanes);
            }

            return _width - 1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Chunk(int y, int current, int below, int x, uint keep, Vector256<byte> keepLanes)
        {
            nuint at = (nuint)(current + x);
            nuint under = (nuint)(below + x);
            ref byte gt = ref MemoryMarshal.GetReference(_groundTruth);
            ref byte pred = ref MemoryMarshal.GetReference(_prediction);
            Vector256<byte> g0 = Vector256.LoadUnsafe(ref gt, at);
            Vector256<byte> gE = Vector256.LoadUnsafe(ref gt, at + 1);
            Vector256<byte> gS = Vector256.LoadUnsafe(ref gt, under);
            Vector256<byte> gSE = Vector256.LoadUnsafe(ref gt, under + 1);
            Vector256<byte> p0 = Vector256.LoadUnsafe(ref pred, at);
            Vector256<byte> pE = Vector256.LoadUnsafe(ref pred, at + 1);
            Vector256<byte> pS = Vector256.LoadUnsafe(ref pred, under);
            Vector256<byte> pSE = Vector256.LoadUnsafe(ref pred, under + 1);
            if (((g0 | gE | gS | gSE) | (p0 | pE | pS | pSE)) == Vector256<byte>.Zero)
            {
                // Background around every lane (most of a frame): no boundary, nothing in J, R's product is 0
                // and every lane has gt == pred.
                if (_revos)
                {
                    if (_hasForeground)
                    {
                        Vector256<byte> background = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(_foreground), at);
                        _positive += Avx2.SumAbsoluteDifferences(background & keepLanes, Vector256<byte>.Zero).AsUInt64();
                    }

                    _counts.Equal += BitOperations.PopCount(keep);
                }

                return;
            }

            // "Is background" masks of the pixel and its E, S and SE neighbours (void counts as background).
            Vector256<byte> zg = Vector256.Equals(g0, Vector256<byte>.Zero);
            Vector256<byte> zgE = Vector256.Equals(gE, Vector256<byte>.Zero);
            Vector256<byte> zgS = Vector256.Equals(gS, Vector256<byte>.Zero);
            Vector256<byte> zgSE = Vector256.Equals(gSE, Vector256<byte>.Zero);
            Vector256<byte> zp = Vector256.Equals(p0, Vector256<byte>.Zero);
            Vector256<byte> zpE = Vector256.Equals(pE, Vector256<byte>.Zero);
            Vector256<byte> zpS = Vector256.Equals(pS, Vector256<byte>.Zero);
            Vector256<byte> zpSE = Vector256.Equals(pSE, Vector256<byte>.Zero);
            if (_hasVoid)
            {
                ref byte v = ref MemoryMarshal.GetReference(_void);
                Vector256<byte> v0 = ~Vector256.Equals(Vector256.LoadUnsafe(ref v, at), Vector256<byte>.Zero);
                Vector256<byte> vE = ~Vector256.Equals(Vector256.LoadUnsafe(ref v, at + 1), Vector256<byte>.Zero);
                Vector256<byte> vS = ~Vector256.Equals(Vector256.LoadUnsafe(ref v, under), Vector256<byte>.Zero);
                Vector256<byte> vSE = ~Vector256.Equals(Vector256.LoadUnsafe(ref v, under + 1), Vector256<byte>.Zero);
                zg |= v0;
                zgE |= vE;
                zgS |= vS;
                zgSE |= vSE;
                zp |= v0;
                zpE |= vE;
                zpS |= vS;
                zpSE |= vSE;
            }

            uint g = ~zg.ExtractMostSignificantBits() & keep;
            uint p = ~zp.ExtractMostSignificantBits() & keep;
            _counts.Intersection += BitOperations.PopCount(g & p);
            _counts.Union += BitOperations.PopCount(g | p);

            uint gEdge = ((zg ^ zgE) | (zg ^ zgS) | (zg ^ zgSE)).ExtractMostSignificantBits() & keep;
            uint pEdge = ((zp ^ zpE) | (zp ^ zpS) | (zp ^ zpSE)).ExtractMostSignificantBits() & keep;
            if (gEdge != 0)
            {
                _groundTruthBoundary.Or(y, x, gEdge);
            }

            if (pEdge != 0)
            {
                _predictionBoundary.Or(y, x, pEdge);
            }

            if (_revos)
            {
                Vector256<byte> negative = MultiplyLow(Vector256<byte>.One - g0, p0) & keepLanes;
                _negative += Avx2.SumAbsoluteDifferences(negative, Vector256<byte>.Zero).AsUInt64();
                if (_hasForeground)
                {
                    Vector256<byte> f = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(_foreground), at);
                    _positive += Avx2.SumAbsoluteDifferences(f & keepLanes, Vector256<byte>.Zero).AsUInt64();
                }
                _counts.Equal += BitOperations.PopCount(Vector256.Equals(g0, p0).ExtractMostSignificantBits() & keep);
            }
        }

        /// <summary>One pixel, with the last-row and last-column rules of <c>_seg2bmap</c>.</summary>
        public void Pixel(int y, int current, int below, int x, bool hasBelow)
        {
            int i = current + x;
            bool g = On(_groundTruth, i);
            bool p = On(_prediction, i);
            _counts.Intersection += g && p ? 1 : 0;
            _counts.Union += g || p ? 1 : 0;
            if (Edge(_groundTruth, g, current, below, x, hasBelow))
            {
                _groundTruthBoundary.Set(y, x);
            }

            if (Edge(_prediction, p, current, below, x, hasBelow))
            {
                _predictionBoundary.Set(y, x);
            }

            if (_revos)
            {
                _counts.Negative += RevosRobustness.NegativeTerm(_groundTruth[i], _prediction[i]);
                _counts.Positive += _hasForeground ? _foreground[i] : 0u;
                _counts.Equal += _groundTruth[i] == _prediction[i] ? 1 : 0;
            }
        }

        private readonly bool Edge(ReadOnlySpan<byte> mask, bool on, int current, int below, int x, bool hasBelow)
        {
            if (x + 1 == _width)
            {
                return hasBelow && on != On(mask, below + x);
            }

            bool east = On(mask, current + x + 1);
            if (!hasBelow)
            {
                return on != east;
            }

            return on != east || on != On(mask, below + x) || on != On(mask, below + x + 1);
        }

        private readonly bool On(ReadOnlySpan<byte> mask, int i)
        {
            return mask[i] != 0 && !(_hasVoid && _void[i] != 0);
        }

        // Low byte of each lane's product, i.e. numpy's wrapping uint8 multiply.
        private static Vector256<byte> MultiplyLow(Vector256<byte> a, Vector256<byte> b)
        {
            Vector256<ushort> a16 = a.AsUInt16();
            Vector256<ushort> b16 = b.AsUInt16();
            Vector256<ushort> even = (a16 * b16) & Vector256.Create((ushort)0x00FF);
            Vector256<ushort> odd = Vector256.ShiftRightLogical(a16, 8) * (b16 & Vector256.Create((ushort)0xFF00));
            return (even | odd).AsByte();
        }
    }
}
