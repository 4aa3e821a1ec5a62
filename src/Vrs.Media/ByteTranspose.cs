using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
