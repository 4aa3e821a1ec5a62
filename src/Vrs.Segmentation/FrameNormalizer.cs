using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vrs.Segmentation;

/// <summary>rgb24 (HWC bytes) → the image encoder's NCHW float input: /255, then (x − mean) / std per channel.</summary>
public static class FrameNormalizer
{
    // pshufb masks that gather one channel of 16 interleaved pixels (48 bytes in three 16-byte loads); 255 gives 0.
    private static readonly Vector128<byte> s_red0 = Vector128.Create((byte)0, 3, 6, 9, 12, 15, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255);
    private static readonly Vector128<byte> s_red1 = Vector128.Create((byte)255, 255, 255, 255, 255, 255, 2, 5, 8, 11, 14, 255, 255, 255, 255, 255);
    private static readonly Vector128<byte> s_red2 = Vector128.Create((byte)255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1, 4, 7, 10, 13);
    private static readonly Vector128<byte> s_green0 = Vector128.Create((byte)1, 4, 7, 10, 13, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255);
    private static readonly Vector128<byte> s_green1 = Vector128.Create((byte)255, 255, 255, 255, 255, 0, 3, 6, 9, 12, 15, 255, 255, 255, 255, 255);
    private static readonly Vector128<byte> s_green2 = Vector128.Create((byte)255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 2, 5, 8, 11, 14);
    private static readonly Vector128<byte> s_blue0 = Vector128.Create((byte)2, 5, 8, 11, 14, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255);
    private static readonly Vector128<byte> s_blue1 = Vector128.Create((byte)255, 255, 255, 255, 255, 1, 4, 7, 10, 13, 255, 255, 255, 255, 255, 255);
    private static readonly Vector128<byte> s_blue2 = Vector128.Create((byte)255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 3, 6, 9, 12, 15);

    public static void Normalize(ReadOnlySpan<byte> rgb, Span<float> nchw, int pixels, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (rgb.Length < pixels * 3 || nchw.Length < pixels * 3)
        {
            throw new ArgumentException("buffers are smaller than 3 × pixels.");
        }

        Span<float> r = nchw[..pixels];
        Span<float> g = nchw.Slice(pixels, pixels);
        Span<float> b = nchw.Slice(2 * pixels, pixels);
        ReadOnlySpan<byte> source = rgb[..(pixels * 3)];

        // The reference's ((x / 255) − mean) / std as IEEE float32 vector operations on 16 pixels at a time: the same
        // correctly rounded steps as the scalar formula, so the same bits (tested for every byte value); the divisions
        // are cheaper than a lookup per channel (0.65 vs 1.5 ms per 1024² frame with AVX-512).
        int done = 0;
        if (Avx512F.IsSupported)
        {
            done = NormalizeAvx512(source, r, g, b, mean, std);
        }
        else if (Avx2.IsSupported)
        {
            done = NormalizeAvx2(source, r, g, b, mean, std);
        }

        if (done == pixels)
        {
            return;
        }

        // One 256-entry table per channel: the reference's ((x / 255) − mean) / std evaluated once per byte value.
        Span<float> lutR = stackalloc float[256];
        Span<float> lutG = stackalloc float[256];
        Span<float> lutB = stackalloc float[256];
        for (int v = 0; v < 256; v++)
        {
            lutR[v] = ((v / 255f) - mean[0]) / std[0];
            lutG[v] = ((v / 255f) - mean[1]) / std[1];
            lutB[v] = ((v / 255f) - mean[2]) / std[2];
        }

        for (int i = done, p = 3 * done; i < pixels; i++, p += 3)
        {
            r[i] = lutR[source[p]];
            g[i] = lutG[source[p + 1]];
            b[i] = lutB[source[p + 2]];
        }
    }

    /// <summary>Whole blocks of 16 pixels; returns how many pixels it wrote.</summary>
    private static int NormalizeAvx512(ReadOnlySpan<byte> source, Span<float> r, Span<float> g, Span<float> b, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        int pixels = r.Length;
        Vector512<float> scale = Vector512.Create(255f);
        Vector512<float> meanR = Vector512.Create(mean[0]);
        Vector512<float> meanG = Vector512.Create(mean[1]);
        Vector512<float> meanB = Vector512.Create(mean[2]);
        Vector512<float> stdR = Vector512.Create(std[0]);
        Vector512<float> stdG = Vector512.Create(std[1]);
        Vector512<float> stdB = Vector512.Create(std[2]);
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref float red = ref MemoryMarshal.GetReference(r);
        ref float green = ref MemoryMarshal.GetReference(g);
        ref float blue = ref MemoryMarshal.GetReference(b);
        int i = 0;
        for (; i + 16 <= pixels; i += 16)
        {
            (Vector128<byte> rr, Vector128<byte> gg, Vector128<byte> bb) = Deinterleave(ref Unsafe.Add(ref src, 3 * i));
            Vector512<float> x = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(rr));
            Vector512<float> y = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(gg));
            Vector512<float> z = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(bb));
            (((x / scale) - meanR) / stdR).StoreUnsafe(ref red, (nuint)i);
            (((y / scale) - meanG) / stdG).StoreUnsafe(ref green, (nuint)i);
            (((z / scale) - meanB) / stdB).StoreUnsafe(ref blue, (nuint)i);
        }

        return i;
    }

    private static int NormalizeAvx2(ReadOnlySpan<byte> source, Span<float> r, Span<float> g, Span<float> b, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        int pixels = r.Length;
        Vector256<float> scale = Vector256.Create(255f);
        Vector256<float> meanR = Vector256.Create(mean[0]);
        Vector256<float> meanG = Vector256.Create(mean[1]);
        Vector256<float> meanB = Vector256.Create(mean[2]);
        Vector256<float> stdR = Vector256.Create(std[0]);
        Vector256<float> stdG = Vector256.Create(std[1]);
        Vector256<float> stdB = Vector256.Create(std[2]);
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref float red = ref MemoryMarshal.GetReference(r);
        ref float green = ref MemoryMarshal.GetReference(g);
        ref float blue = ref MemoryMarshal.GetReference(b);
        int i = 0;
        for (; i + 16 <= pixels; i += 16)
        {
            (Vector128<byte> rr, Vector128<byte> gg, Vector128<byte> bb) = Deinterleave(ref Unsafe.Add(ref src, 3 * i));
            Store8x2(rr, meanR, stdR, scale, ref red, i);
            Store8x2(gg, meanG, stdG, scale, ref green, i);
            Store8x2(bb, meanB, stdB, scale, ref blue, i);
        }

        return i;
    }

    private static void Store8x2(Vector128<byte> channel, Vector256<float> mean, Vector256<float> std, Vector256<float> scale, ref float destination, int i)
    {
        Vector256<float> low = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(channel));
        Vector256<float> high = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Sse2.ShiftRightLogical128BitLane(channel, 8)));
        (((low / scale) - mean) / std).StoreUnsafe(ref destination, (nuint)i);
        (((high / scale) - mean) / std).StoreUnsafe(ref destination, (nuint)(i + 8));
    }

    /// <summary>16 interleaved RGB pixels (48 bytes) → 16 R, 16 G and 16 B bytes.</summary>
    private static (Vector128<byte> R, Vector128<byte> G, Vector128<byte> B) Deinterleave(ref byte pixels)
    {
        Vector128<byte> a = Vector128.LoadUnsafe(ref pixels);
        Vector128<byte> b = Vector128.LoadUnsafe(ref pixels, 16);
        Vector128<byte> c = Vector128.LoadUnsafe(ref pixels, 32);
        return (
            Ssse3.Shuffle(a, s_red0) | Ssse3.Shuffle(b, s_red1) | Ssse3.Shuffle(c, s_red2),
            Ssse3.Shuffle(a, s_green0) | Ssse3.Shuffle(b, s_green1) | Ssse3.Shuffle(c, s_green2),
            Ssse3.Shuffle(a, s_blue0) | Ssse3.Shuffle(b, s_blue1) | Ssse3.Shuffle(c, s_blue2));
    }
}
