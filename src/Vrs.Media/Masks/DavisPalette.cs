namespace Vrs.Media.Masks;

/// <summary>
/// The DAVIS palette for indexed mask PNGs: the PASCAL VOC colour map, where the bits of an index are spread over
/// the high bits of R, G and B (0 black, 1 (128, 0, 0), 2 (0, 128, 0), 3 (128, 128, 0), …, 255 (224, 224, 192)).
/// </summary>
public static class DavisPalette
{
    private static readonly byte[] s_rgb = Build();

    /// <summary>256 RGB triples.</summary>
    public static ReadOnlySpan<byte> Rgb => s_rgb;

    public static (byte R, byte G, byte B) Color(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 255);
        return (s_rgb[index * 3], s_rgb[(index * 3) + 1], s_rgb[(index * 3) + 2]);
    }

    private static byte[] Build()
    {
        var rgb = new byte[768];
        for (int i = 0; i < 256; i++)
        {
            int r = 0;
            int g = 0;
            int b = 0;
            int c = i;
            for (int j = 0; j < 8; j++)
            {
                r |= (c & 1) << (7 - j);
                g |= ((c >> 1) & 1) << (7 - j);
                b |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }

            rgb[i * 3] = (byte)r;
            rgb[(i * 3) + 1] = (byte)g;
            rgb[(i * 3) + 2] = (byte)b;
        }

        return rgb;
    }
}
