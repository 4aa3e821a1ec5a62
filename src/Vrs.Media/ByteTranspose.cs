using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vrs.Media;

/// <summary>
/// Transposes byte matrices. COCO RLE runs are column-major while masks are row-major; writing runs into a
/// transposed buffer is a plain memset, and an 8×8 in-register transpose then costs about one instruction per byte.
/// </summary>
internal static class ByteTranspose
{
    /// <summary>How the transposed bytes meet what is already in the destination.</summary>
    public enum Combine
    {
        Overwrite,

        /// <summary>Byte-wise add that wraps at 256, like numpy's uint8 <c>+</c>.</summary>
        Add,
    }

    /// <summary>
    /// <paramref name="source"/> is <paramref name="rows"/>×<paramref name="columns"/> row-major; writes its transpose
    /// (<paramref name="columns"/>×<paramref name="rows"/>) into <paramref name="destination"/>.
    /// </summary>
    public static void Transpose(ReadOnlySpan<byte> source, int rows, int columns, Span<byte> destination, Combine combine)
    {
        int area = checked(rows * columns);
        if (source.Length < area || destination.Length < area)
        {
            throw new ArgumentException($"a {rows}×{columns} transpose needs {area} bytes in and out; got {source.Length} and {destination.Length}");
        }

        if (Sse2.IsSupported && rows >= 16 && columns >= 16)
        {
            Transpose16(source, rows, columns, destination, combine);
            return;
        }

        // Sizes are checked above, so the 8×8 blocks below read and write through refs without per-access bounds checks.
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        int rows8 = rows & ~7;
        int columns8 = columns & ~7;
        for (int c0 = 0; c0 < columns8; c0 += 8)
        {
            for (int r0 = 0; r0 < rows8; r0 += 8)
            {
                ref byte s0 = ref Unsafe.Add(ref src, (r0 * columns) + c0);
                ulong a0 = Unsafe.ReadUnaligned<ulong>(ref s0);
                ulong a1 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s0, columns));
                ulong a2 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s0, 2 * columns));
                ulong a3 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s0, 3 * columns));
                ulong a4 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s0, 4 * columns));
                ulong a5 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s0, 5 * columns));
                ulong a6 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s0, 6 * columns));
                ulong a7 = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref s0, 7 * columns));

                // Three rounds of swapping 1-, 2- and 4-byte sub-blocks across rows 1, 2 and 4 apart
                // (Hacker's Delight §7-3); little-endian, so byte k of a_i is element (i, k).
                Swap(ref a0, ref a1, 8, 0x00FF00FF00FF00FFUL);
                Swap(ref a2, ref a3, 8, 0x00FF00FF00FF00FFUL);
                Swap(ref a4, ref a5, 8, 0x00FF00FF00FF00FFUL);
                Swap(ref a6, ref a7, 8, 0x00FF00FF00FF00FFUL);
                Swap(ref a0, ref a2, 16, 0x0000FFFF0000FFFFUL);
                Swap(ref a1, ref a3, 16, 0x0000FFFF0000FFFFUL);
                Swap(ref a4, ref a6, 16, 0x0000FFFF0000FFFFUL);
                Swap(ref a5, ref a7, 16, 0x0000FFFF0000FFFFUL);
                Swap(ref a0, ref a4, 32, 0x00000000FFFFFFFFUL);
                Swap(ref a1, ref a5, 32, 0x00000000FFFFFFFFUL);
                Swap(ref a2, ref a6, 32, 0x00000000FFFFFFFFUL);
                Swap(ref a3, ref a7, 32, 0x00000000FFFFFFFFUL);

                ref byte d0 = ref Unsafe.Add(ref dst, (c0 * rows) + r0);
                if (combine == Combine.Add)
                {
                    Add(ref d0, a0);
                    Add(ref Unsafe.Add(ref d0, rows), a1);
                    Add(ref Unsafe.Add(ref d0, 2 * rows), a2);
                    Add(ref Unsafe.Add(ref d0, 3 * rows), a3);
                    Add(ref Unsafe.Add(ref d0, 4 * rows), a4);
                    Add(ref Unsafe.Add(ref d0, 5 * rows), a5);
                    Add(ref Unsafe.Add(ref d0, 6 * rows), a6);
                    Add(ref Unsafe.Add(ref d0, 7 * rows), a7);
                }
                else
                {
                    Unsafe.WriteUnaligned(ref d0, a0);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, rows), a1);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, 2 * rows), a2);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, 3 * rows), a3);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, 4 * rows), a4);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, 5 * rows), a5);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, 6 * rows), a6);
                    Unsafe.WriteUnaligned(ref Unsafe.Add(ref d0, 7 * rows), a7);
                }
            }
        }

        TransposeScalar(source, rows, columns, destination, combine, 0, rows8, columns8, columns);
        TransposeScalar(source, rows, columns, destination, combine, rows8, rows, 0, columns);
    }

    /// <summary>
    /// 16×16 blocks in SSE registers: interleaving row i with row i + 8 byte-wise, four times over, rotates each
    /// element's 8-bit (row, column) index by four bits — that is, swaps row and column. About 4× fewer
    /// instructions per byte than the 8×8 in-register swap. Edges narrower than 16 go through the scalar loop.
    /// </summary>
    private static void Transpose16(ReadOnlySpan<byte> source, int rows, int columns, Span<byte> destination, Combine combine)
    {
        ref byte src = ref MemoryMarshal.GetReference(source);
        ref byte dst = ref MemoryMarshal.GetReference(destination);
        int rows16 = rows & ~15;
        int columns16 = columns & ~15;
        for (int r0 = 0; r0 < rows16; r0 += 16)
        {
            for (int c0 = 0; c0 < columns16; c0 += 16)
            {
                ref byte s0 = ref Unsafe.Add(ref src, (r0 * columns) + c0);
                Vector128<byte> x0 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 0 * columns));
                Vector128<byte> x1 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 1 * columns));
                Vector128<byte> x2 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 2 * columns));
                Vector128<byte> x3 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 3 * columns));
                Vector128<byte> x4 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 4 * columns));
                Vector128<byte> x5 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 5 * columns));
                Vector128<byte> x6 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 6 * columns));
                Vector128<byte> x7 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 7 * columns));
                Vector128<byte> x8 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 8 * columns));
                Vector128<byte> x9 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 9 * columns));
                Vector128<byte> x10 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 10 * columns));
                Vector128<byte> x11 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 11 * columns));
                Vector128<byte> x12 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 12 * columns));
                Vector128<byte> x13 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 13 * columns));
                Vector128<byte> x14 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 14 * columns));
                Vector128<byte> x15 = Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref s0, 15 * columns));
                Vector128<byte> y0, y1, y2, y3, y4, y5, y6, y7, y8, y9, y10, y11, y12, y13, y14, y15;
                y0 = Sse2.UnpackLow(x0, x8);
                y1 = Sse2.UnpackHigh(x0, x8);
                y2 = Sse2.UnpackLow(x1, x9);
                y3 = Sse2.UnpackHigh(x1, x9);
                y4 = Sse2.UnpackLow(x2, x10);
                y5 = Sse2.UnpackHigh(x2, x10);
                y6 = Sse2.UnpackLow(x3, x11);
                y7 = Sse2.UnpackHigh(x3, x11);
                y8 = Sse2.UnpackLow(x4, x12);
                y9 = Sse2.UnpackHigh(x4, x12);
                y10 = Sse2.UnpackLow(x5, x13);
                y11 = Sse2.UnpackHigh(x5, x13);
                y12 = Sse2.UnpackLow(x6, x14);
                y13 = Sse2.UnpackHigh(x6, x14);
                y14 = Sse2.UnpackLow(x7, x15);
                y15 = Sse2.UnpackHigh(x7, x15);
                x0 = Sse2.UnpackLow(y0, y8);
                x1 = Sse2.UnpackHigh(y0, y8);
                x2 = Sse2.UnpackLow(y1, y9);
                x3 = Sse2.UnpackHigh(y1, y9);
                x4 = Sse2.UnpackLow(y2, y10);
                x5 = Sse2.UnpackHigh(y2, y10);
                x6 = Sse2.UnpackLow(y3, y11);
                x7 = Sse2.UnpackHigh(y3, y11);
                x8 = Sse2.UnpackLow(y4, y12);
                x9 = Sse2.UnpackHigh(y4, y12);
                x10 = Sse2.UnpackLow(y5, y13);
                x11 = Sse2.UnpackHigh(y5, y13);
                x12 = Sse2.UnpackLow(y6, y14);
                x13 = Sse2.UnpackHigh(y6, y14);
                x14 = Sse2.UnpackLow(y7, y15);
                x15 = Sse2.UnpackHigh(y7, y15);
                y0 = Sse2.UnpackLow(x0, x8);
                y1 = Sse2.UnpackHigh(x0, x8);
                y2 = Sse2.UnpackLow(x1, x9);
                y3 = Sse2.UnpackHigh(x1, x9);
                y4 = Sse2.UnpackLow(x2, x10);
                y5 = Sse2.UnpackHigh(x2, x10);
                y6 = Sse2.UnpackLow(x3, x11);
                y7 = Sse2.UnpackHigh(x3, x11);
                y8 = Sse2.UnpackLow(x4, x12);
                y9 = Sse2.UnpackHigh(x4, x12);
                y10 = Sse2.UnpackLow(x5, x13);
                y11 = Sse2.UnpackHigh(x5, x13);
                y12 = Sse2.UnpackLow(x6, x14);
                y13 = Sse2.UnpackHigh(x6, x14);
                y14 = Sse2.UnpackLow(x7, x15);
                y15 = Sse2.UnpackHigh(x7, x15);
                x0 = Sse2.UnpackLow(y0, y8);
                x1 = Sse2.UnpackHigh(y0, y8);
                x2 = Sse2.UnpackLow(y1, y9);
                x3 = Sse2.UnpackHigh(y1, y9);
                x4 = Sse2.UnpackLow(y2, y10);
                x5 = Sse2.UnpackHigh(y2, y10);
                x6 = Sse2.UnpackLow(y3, y11);
                x7 = Sse2.UnpackHigh(y3, y11);
                x8 = Sse2.UnpackLow(y4, y12);
                x9 = Sse2.UnpackHigh(y4, y12);
                x10 = Sse2.UnpackLow(y5, y13);
                x11 = Sse2.UnpackHigh(y5, y13);
                x12 = Sse2.UnpackLow(y6, y14);
                x13 = Sse2.UnpackHigh(y6, y14);
                x14 = Sse2.UnpackLow(y7, y15);
                x15 = Sse2.UnpackHigh(y7, y15);
                ref byte d0 = ref Unsafe.Add(ref dst, (c0 * rows) + r0);
                Store(ref Unsafe.Add(ref d0, 0 * rows), x0, combine);
                Store(ref Unsafe.Add(ref d0, 1 * rows), x1, combine);
                Store(ref Unsafe.Add(ref d0, 2 * rows), x2, combine);
                Store(ref Unsafe.Add(ref d0, 3 * rows), x3, combine);
                Store(ref Unsafe.Add(ref d0, 4 * rows), x4, combine);
                Store(ref Unsafe.Add(ref d0, 5 * rows), x5, combine);
                Store(ref Unsafe.Add(ref d0, 6 * rows), x6, combine);
                Store(ref Unsafe.Add(ref d0, 7 * rows), x7, combine);
                Store(ref Unsafe.Add(ref d0, 8 * rows), x8, combine);
                Store(ref Unsafe.Add(ref d0, 9 * rows), x9, combine);
                Store(ref Unsafe.Add(ref d0, 10 * rows), x10, combine);
                Store(ref Unsafe.Add(ref d0, 11 * rows), x11, combine);
                Store(ref Unsafe.Add(ref d0, 12 * rows), x12, combine);
                Store(ref Unsafe.Add(ref d0, 13 * rows), x13, combine);
                Store(ref Unsafe.Add(ref d0, 14 * rows), x14, combine);
                Store(ref Unsafe.Add(ref d0, 15 * rows), x15, combine);
            }
        }

        TransposeScalar(source, rows, columns, destination, combine, 0, rows16, columns16, columns);
        TransposeScalar(source, rows, columns, destination, combine, rows16, rows, 0, columns);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref byte target, Vector128<byte> value, Combine combine)
    {
        Unsafe.WriteUnaligned(ref target, combine == Combine.Add ? Sse2.Add(Unsafe.ReadUnaligned<Vector128<byte>>(ref target), value) : value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Swap(ref ulong low, ref ulong high, int shift, ulong mask)
    {
        ulong t = ((low >> shift) ^ high) & mask;
        high ^= t;
        low ^= t << shift;
    }

    // Eight byte additions that wrap at 256 without carrying into the neighbouring byte.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref byte target, ulong value)
    {
        const ulong Low7 = 0x7F7F7F7F7F7F7F7FUL;
        ulong x = Unsafe.ReadUnaligned<ulong>(ref target);
        Unsafe.WriteUnaligned(ref target, ((x & Low7) + (value & Low7)) ^ ((x ^ value) & ~Low7));
    }

    private static void TransposeScalar(ReadOnlySpan<byte> source, int rows, int columns, Span<byte> destination, Combine combine, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        for (int r = rowStart; r < rowEnd; r++)
        {
            for (int c = columnStart; c < columnEnd; c++)
            {
                byte value = source[(r * columns) + c];
                ref byte target = ref destination[(c * rows) + r];
                target = combine == Combine.Add ? (byte)(target + value) : value;
            }
        }
    }
}
