using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vrs.Media.Video;

/// <summary>
/// Converts 8-bit planar YUV 4:2:0 (ffmpeg's <c>yuv420p</c> layout: Y plane, then U and V at half size rounded up)
/// to packed RGB. Used so ffmpeg ships half the bytes through the pipe; the pipe copy, not decoding, is what
/// separates a reader from bare ffmpeg. Matches swscale's default conversion within ±4 per channel (tested): chroma is taken
/// from the nearest 2×2 block, coefficients are 6-bit fixed point.
/// </summary>
internal sealed class Yuv420ToRgb
{
    // Fixed point: values carry 6 fraction bits plus a bias that keeps every intermediate sum of the 16-bit lanes
    // inside 0..65535, so wrapping short arithmetic and a final unsigned shift give exact results.
    private const int Bias = 20480;
    private const int BiasOut = Bias >> 6;

    private readonly short _yOffset;
    private readonly short _yScale;
    private readonly short _rv;
    private readonly short _gu;
    private readonly short _gv;
    private readonly short _bu;

    public Yuv420ToRgb(bool bt709, bool fullRange)
    {
        (double kr, double kb) = bt709 ? (0.2126, 0.0722) : (0.299, 0.114);
        double kg = 1 - kr - kb;
        double yScale = fullRange ? 1.0 : 255.0 / 219.0;
        double cScale = fullRange ? 1.0 : 255.0 / 224.0;
        _yOffset = (short)(fullRange ? 0 : 16);
        _yScale = (short)Math.Round(yScale * 64);
        _rv = (short)Math.Round(2 * (1 - kr) * cScale * 64);
        _gu = (short)Math.Round(2 * (1 - kb) * kb / kg * cScale * 64);
        _gv = (short)Math.Round(2 * (1 - kr) * kr / kg * cScale * 64);
        _bu = (short)Math.Round(2 * (1 - kb) * cScale * 64);
    }

    public static int FrameBytes(int width, int height) => checked((width * height) + (2 * ((width + 1) / 2) * ((height + 1) / 2)));

    public void Convert(ReadOnlySpan<byte> yuv, int width, int height, Span<byte> rgb)
    {
        int chromaWidth = (width + 1) / 2;
        int chromaHeight = (height + 1) / 2;
        ReadOnlySpan<byte> yPlane = yuv[..(width * height)];
        ReadOnlySpan<byte> uPlane = yuv.Slice(width * height, chromaWidth * chromaHeight);
        ReadOnlySpan<byte> vPlane = yuv.Slice((width * height) + (chromaWidth * chromaHeight), chromaWidth * chromaHeight);
        for (int y = 0; y < height; y++)
        {
            ConvertRow(
                yPlane.Slice(y * width, width),
                uPlane.Slice(y / 2 * chromaWidth, chromaWidth),
                vPlane.Slice(y / 2 * chromaWidth, chromaWidth),
                rgb.Slice(y * width * 3, width * 3));
        }
    }

    private void ConvertRow(ReadOnlySpan<byte> yRow, ReadOnlySpan<byte> uRow, ReadOnlySpan<byte> vRow, Span<byte> output)
    {
        int x = 0;
        if (Avx512BW.IsSupported)
        {
            // With AVX-512 the arithmetic takes all 32 pixels in one register.
            for (; x + 32 <= yRow.Length; x += 32)
            {
                (Vector256<byte> r, Vector256<byte> g, Vector256<byte> b) = Pixels32(yRow, uRow, vRow, x);
                Interleave(r, g, b, output.Slice(x * 3, 96));
            }
        }

        if (Avx2.IsSupported)
        {
            // The same 16-bit arithmetic on 16 pixels per instruction instead of 8, and the packing into RGB triples
            // on 32 pixels (two 16-pixel halves, one per 128-bit lane, where byte shuffles work): the same bits.
            for (; x + 32 <= yRow.Length; x += 32)
            {
                (Vector128<byte> r0, Vector128<byte> g0, Vector128<byte> b0) = Pixels16(yRow, uRow, vRow, x);
                (Vector128<byte> r1, Vector128<byte> g1, Vector128<byte> b1) = Pixels16(yRow, uRow, vRow, x + 16);
                Interleave(Vector256.Create(r0, r1), Vector256.Create(g0, g1), Vector256.Create(b0, b1), output.Slice(x * 3, 96));
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; x + 16 <= yRow.Length; x += 16)
            {
                Vector128<byte> luma = Vector128.Create(yRow.Slice(x, 16));
                // 8 chroma bytes as one scalar load (Vector64 is not accelerated on x64).
                Vector128<byte> u = Duplicate(Vector128.CreateScalar(BinaryPrimitives.ReadUInt64LittleEndian(uRow.Slice(x / 2, 8))).AsByte());
                Vector128<byte> v = Duplicate(Vector128.CreateScalar(BinaryPrimitives.ReadUInt64LittleEndian(vRow.Slice(x / 2, 8))).AsByte());
                (Vector128<byte> r0, Vector128<byte> g0, Vector128<byte> b0) = Pixels8(
                    Vector128.WidenLower(luma).AsInt16(), Vector128.WidenLower(u).AsInt16(), Vector128.WidenLower(v).AsInt16());
                (Vector128<byte> r1, Vector128<byte> g1, Vector128<byte> b1) = Pixels8(
                    Vector128.WidenUpper(luma).AsInt16(), Vector128.WidenUpper(u).AsInt16(), Vector128.WidenUpper(v).AsInt16());
                Vector128<byte> r = Vector128.Narrow(r0.AsUInt16(), r1.AsUInt16());
                Vector128<byte> g = Vector128.Narrow(g0.AsUInt16(), g1.AsUInt16());
                Vector128<byte> b = Vector128.Narrow(b0.AsUInt16(), b1.AsUInt16());
                Interleave(r, g, b, output.Slice(x * 3, 48));
            }
        }

        for (; x < yRow.Length; x++)
        {
            int luma = (yRow[x] - _yOffset) * _yScale;
            int u = uRow[x / 2] - 128;
            int v = vRow[x / 2] - 128;
            output[x * 3] = Finish(luma + (_rv * v));
            output[(x * 3) + 1] = Finish(luma - (_gu * u) - (_gv * v));
            output[(x * 3) + 2] = Finish(luma + (_bu * u));
        }
    }

    /// <summary>Each of the low 8 bytes twice: chroma for two neighbouring pixels.</summary>
    private static Vector128<byte> Duplicate(Vector128<byte> low8) =>
        Vector128.Shuffle(low8, Vector128.Create((byte)0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7));

    /// <summary>Eight pixels; each result lane holds 0..255 (as a 16-bit lane whose high byte is zero).</summary>
    private (Vector128<byte> R, Vector128<byte> G, Vector128<byte> B) Pixels8(Vector128<short> luma, Vector128<short> u, Vector128<short> v)
    {
        Vector128<short> c128 = Vector128.Create((short)128);
        Vector128<short> yy = ((luma - Vector128.Create(_yOffset)) * Vector128.Create(_yScale)) + Vector128.Create((short)(Bias + 32));
        Vector128<short> uu = u - c128;
        Vector128<short> vv = v - c128;
        Vector128<short> r = yy + (vv * Vector128.Create(_rv));
        Vector128<short> g = yy - (uu * Vector128.Create(_gu)) - (vv * Vector128.Create(_gv));
        Vector128<short> b = yy + (uu * Vector128.Create(_bu));
        return (Clamp(r), Clamp(g), Clamp(b));
    }

    /// <summary>Pixels x … x+31 of a row, as <see cref="Pixels8"/> does eight.</summary>
    private (Vector256<byte> R, Vector256<byte> G, Vector256<byte> B) Pixels32(ReadOnlySpan<byte> yRow, ReadOnlySpan<byte> uRow, ReadOnlySpan<byte> vRow, int x)
    {
        Vector512<short> luma = Avx512BW.ConvertToVector512Int16(Vector256.Create(yRow.Slice(x, 32)));
        Vector512<short> u = Avx512BW.ConvertToVector512Int16(Vector256.Create(Duplicate(uRow, x / 2), Duplicate(uRow, (x / 2) + 8)));
        Vector512<short> v = Avx512BW.ConvertToVector512Int16(Vector256.Create(Duplicate(vRow, x / 2), Duplicate(vRow, (x / 2) + 8)));
        Vector512<short> c128 = Vector512.Create((short)128);
        Vector512<short> yy = ((luma - Vector512.Create(_yOffset)) * Vector512.Create(_yScale)) + Vector512.Create((short)(Bias + 32));
        Vector512<short> uu = u - c128;
        Vector512<short> vv = v - c128;
        Vector512<short> r = yy + (vv * Vector512.Create(_rv));
        Vector512<short> g = yy - (uu * Vector512.Create(_gu)) - (vv * Vector512.Create(_gv));
        Vector512<short> b = yy + (uu * Vector512.Create(_bu));
        return (Clamp(r), Clamp(g), Clamp(b));
    }

    /// <summary>Chroma bytes at..at+7, each twice (16 pixels' worth).</summary>
    private static Vector128<byte> Duplicate(ReadOnlySpan<byte> chromaRow, int at) =>
        Duplicate(Vector128.CreateScalar(BinaryPrimitives.ReadUInt64LittleEndian(chromaRow.Slice(at, 8))).AsByte());

    private static Vector256<byte> Clamp(Vector512<short> biased)
    {
        Vector512<ushort> value = Vector512.ShiftRightLogical(biased.AsUInt16(), 6);
        value = Vector512.Min(Vector512.Max(value, Vector512.Create((ushort)BiasOut)), Vector512.Create((ushort)(BiasOut + 255))) - Vector512.Create((ushort)BiasOut);
        return Avx512BW.ConvertToVector256Byte(value);
    }

    /// <summary>Pixels x … x+15 of a row, as <see cref="Pixels8"/> does eight.</summary>
    private (Vector128<byte> R, Vector128<byte> G, Vector128<byte> B) Pixels16(ReadOnlySpan<byte> yRow, ReadOnlySpan<byte> uRow, ReadOnlySpan<byte> vRow, int x)
    {
        Vector256<short> luma = Avx2.ConvertToVector256Int16(Vector128.Create(yRow.Slice(x, 16)));
        Vector256<short> u = Avx2.ConvertToVector256Int16(Duplicate(Vector128.CreateScalar(BinaryPrimitives.ReadUInt64LittleEndian(uRow.Slice(x / 2, 8))).AsByte()));
        Vector256<short> v = Avx2.ConvertToVector256Int16(Duplicate(Vector128.CreateScalar(BinaryPrimitives.ReadUInt64LittleEndian(vRow.Slice(x / 2, 8))).AsByte()));
        Vector256<short> c128 = Vector256.Create((short)128);
        Vector256<short> yy = ((luma - Vector256.Create(_yOffset)) * Vector256.Create(_yScale)) + Vector256.Create((short)(Bias + 32));
        Vector256<short> uu = u - c128;
        Vector256<short> vv = v - c128;
        Vector256<short> r = yy + (vv * Vector256.Create(_rv));
        Vector256<short> g = yy - (uu * Vector256.Create(_gu)) - (vv * Vector256.Create(_gv));
        Vector256<short> b = yy + (uu * Vector256.Create(_bu));
        return (Clamp(r), Clamp(g), Clamp(b));
    }

    private static Vector128<byte> Clamp(Vector256<short> biased)
    {
        Vector256<ushort> value = Vector256.ShiftRightLogical(biased.AsUInt16(), 6);
        value = Vector256.Min(Vector256.Max(value, Vector256.Create((ushort)BiasOut)), Vector256.Create((ushort)(BiasOut + 255))) - Vector256.Create((ushort)BiasOut);
        return Vector128.Narrow(value.GetLower(), value.GetUpper());
    }

    private static Vector128<byte> Clamp(Vector128<short> biased)
    {
        Vector128<ushort> value = Vector128.ShiftRightLogical(biased.AsUInt16(), 6);
        value = Vector128.Min(Vector128.Max(value, Vector128.Create((ushort)BiasOut)), Vector128.Create((ushort)(BiasOut + 255)));
        return (value - Vector128.Create((ushort)BiasOut)).AsByte();
    }

    private static byte Finish(int sum)
    {
        // The same rounding and offset as the vector path: +32, >>6 (the bias cancels out).
        int value = (sum + 32 + Bias) >> 6;
        return (byte)(Math.Clamp(value, BiasOut, BiasOut + 255) - BiasOut);
    }

    /// <summary>
    /// Packs 32 R, G, B bytes (pixels 0–15 in the low lane, 16–31 in the high one) into 96 bytes of RGB triples:
    /// the 16-pixel shuffles of <see cref="Interleave(Vector128{byte}, Vector128{byte}, Vector128{byte}, Span{byte})"/>
    /// in both lanes at once, then the six 16-byte pieces put in order.
    /// </summary>
    private static void Interleave(Vector256<byte> r, Vector256<byte> g, Vector256<byte> b, Span<byte> destination)
    {
        Vector256<byte> out0 =
            Avx2.Shuffle(r, Vector256.Create((byte)0, 255, 255, 1, 255, 255, 2, 255, 255, 3, 255, 255, 4, 255, 255, 5, 0, 255, 255, 1, 255, 255, 2, 255, 255, 3, 255, 255, 4, 255, 255, 5))
            | Avx2.Shuffle(g, Vector256.Create((byte)255, 0, 255, 255, 1, 255, 255, 2, 255, 255, 3, 255, 255, 4, 255, 255, 255, 0, 255, 255, 1, 255, 255, 2, 255, 255, 3, 255, 255, 4, 255, 255))
            | Avx2.Shuffle(b, Vector256.Create((byte)255, 255, 0, 255, 255, 1, 255, 255, 2, 255, 255, 3, 255, 255, 4, 255, 255, 255, 0, 255, 255, 1, 255, 255, 2, 255, 255, 3, 255, 255, 4, 255));
        Vector256<byte> out1 =
            Avx2.Shuffle(r, Vector256.Create((byte)255, 255, 6, 255, 255, 7, 255, 255, 8, 255, 255, 9, 255, 255, 10, 255, 255, 255, 6, 255, 255, 7, 255, 255, 8, 255, 255, 9, 255, 255, 10, 255))
            | Avx2.Shuffle(g, Vector256.Create((byte)5, 255, 255, 6, 255, 255, 7, 255, 255, 8, 255, 255, 9, 255, 255, 10, 5, 255, 255, 6, 255, 255, 7, 255, 255, 8, 255, 255, 9, 255, 255, 10))
            | Avx2.Shuffle(b, Vector256.Create((byte)255, 5, 255, 255, 6, 255, 255, 7, 255, 255, 8, 255, 255, 9, 255, 255, 255, 5, 255, 255, 6, 255, 255, 7, 255, 255, 8, 255, 255, 9, 255, 255));
        Vector256<byte> out2 =
            Avx2.Shuffle(r, Vector256.Create((byte)255, 11, 255, 255, 12, 255, 255, 13, 255, 255, 14, 255, 255, 15, 255, 255, 255, 11, 255, 255, 12, 255, 255, 13, 255, 255, 14, 255, 255, 15, 255, 255))
            | Avx2.Shuffle(g, Vector256.Create((byte)255, 255, 11, 255, 255, 12, 255, 255, 13, 255, 255, 14, 255, 255, 15, 255, 255, 255, 11, 255, 255, 12, 255, 255, 13, 255, 255, 14, 255, 255, 15, 255))
            | Avx2.Shuffle(b, Vector256.Create((byte)10, 255, 255, 11, 255, 255, 12, 255, 255, 13, 255, 255, 14, 255, 255, 15, 10, 255, 255, 11, 255, 255, 12, 255, 255, 13, 255, 255, 14, 255, 255, 15));
        Avx2.Permute2x128(out0, out1, 0x20).CopyTo(destination);
        Avx2.Permute2x128(out2, out0, 0x30).CopyTo(destination[32..]);
        Avx2.Permute2x128(out1, out2, 0x31).CopyTo(destination[64..]);
    }

    /// <summary>Packs 16 R, G, B bytes into 48 bytes of RGB triples with byte shuffles (an index of 16+ gives 0).</summary>
    private static void Interleave(Vector128<byte> r, Vector128<byte> g, Vector128<byte> b, Span<byte> destination)
    {
        Vector128<byte> out0 =
            Vector128.Shuffle(r, Vector128.Create((byte)0, 255, 255, 1, 255, 255, 2, 255, 255, 3, 255, 255, 4, 255, 255, 5))
            | Vector128.Shuffle(g, Vector128.Create((byte)255, 0, 255, 255, 1, 255, 255, 2, 255, 255, 3, 255, 255, 4, 255, 255))
            | Vector128.Shuffle(b, Vector128.Create((byte)255, 255, 0, 255, 255, 1, 255, 255, 2, 255, 255, 3, 255, 255, 4, 255));
        Vector128<byte> out1 =
            Vector128.Shuffle(r, Vector128.Create((byte)255, 255, 6, 255, 255, 7, 255, 255, 8, 255, 255, 9, 255, 255, 10, 255))
            | Vector128.Shuffle(g, Vector128.Create((byte)5, 255, 255, 6, 255, 255, 7, 255, 255, 8, 255, 255, 9, 255, 255, 10))
            | Vector128.Shuffle(b, Vector128.Create((byte)255, 5, 255, 255, 6, 255, 255, 7, 255, 255, 8, 255, 255, 9, 255, 255));
        Vector128<byte> out2 =
            Vector128.Shuffle(r, Vector128.Create((byte)255, 11, 255, 255, 12, 255, 255, 13, 255, 255, 14, 255, 255, 15, 255, 255))
            | Vector128.Shuffle(g, Vector128.Create((byte)255, 255, 11, 255, 255, 12, 255, 255, 13, 255, 255, 14, 255, 255, 15, 255))
            | Vector128.Shuffle(b, Vector128.Create((byte)10, 255, 255, 11, 255, 255, 12, 255, 255, 13, 255, 255, 14, 255, 255, 15));
        out0.CopyTo(destination);
        out1.CopyTo(destination[16..]);
        out2.CopyTo(destination[32..]);
    }
}
