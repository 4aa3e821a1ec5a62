using System.Buffers.Binary;

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
        int rows8 = rows & ~7;
        int columns8 = columns & ~7;
        Span<ulong> block = stackalloc ulong[8];
        for (int r0 = 0; r0 < rows8; r0 += 8)
        {
            for (int c0 = 0; c0 < columns8; c0 += 8)
            {
                for (int i = 0; i < 8; i++)
                {
                    block[i] = BinaryPrimitives.ReadUInt64LittleEndian(source.Slice(((r0 + i) * columns) + c0, 8));
                }

                Transpose8x8(block);
                for (int k = 0; k < 8; k++)
                {
                    Span<byte> target = destination.Slice(((c0 + k) * rows) + r0, 8);
                    ulong value = block[k];
                    if (combine == Combine.Add)
                    {
                        value = AddBytes(BinaryPrimitives.ReadUInt64LittleEndian(target), value);
                    }

                    BinaryPrimitives.WriteUInt64LittleEndian(target, value);
                }
            }

            TransposeScalar(source, rows, columns, destination, combine, r0, r0 + 8, columns8, columns);
        }

        TransposeScalar(source, rows, columns, destination, combine, rows8, rows, 0, columns);
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

    // Three rounds of swapping 1-, 2- and 4-byte sub-blocks across row pairs 1, 2 and 4 apart (Hacker's Delight §7-3).
    private static void Transpose8x8(Span<ulong> a)
    {
        for (int i = 0; i < 8; i += 2)
        {
            ulong t = ((a[i] >> 8) ^ a[i + 1]) & 0x00FF00FF00FF00FFUL;
            a[i + 1] ^= t;
            a[i] ^= t << 8;
        }

        for (int i = 0; i < 8; i += 4)
        {
            for (int j = i; j < i + 2; j++)
            {
                ulong t = ((a[j] >> 16) ^ a[j + 2]) & 0x0000FFFF0000FFFFUL;
                a[j + 2] ^= t;
                a[j] ^= t << 16;
            }
        }

        for (int j = 0; j < 4; j++)
        {
            ulong t = ((a[j] >> 32) ^ a[j + 4]) & 0x00000000FFFFFFFFUL;
            a[j + 4] ^= t;
            a[j] ^= t << 32;
        }
    }

    // Eight independent byte additions that wrap at 256 (no carry between bytes).
    private static ulong AddBytes(ulong x, ulong y)
    {
        const ulong Low7 = 0x7F7F7F7F7F7F7F7FUL;
        return ((x & Low7) + (y & Low7)) ^ ((x ^ y) & ~Low7);
    }
}
