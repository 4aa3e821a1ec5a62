using System.Text.Json;

namespace Vrs.Benchmarks.Tests.Metrics;

/// <summary>
/// Builds the golden masks from their layer specs: each layer is a shape times a value, and a mask is the uint8
/// (wrapping) sum of its layers, exactly as the Python generator that produced the golden vectors does it.
/// </summary>
internal static class GoldenMasks
{
    /// <summary>SplitMix64 finaliser of seed·φ + i; the generator's only source of randomness.</summary>
    public static ulong Hash(ulong seed, ulong index)
    {
        unchecked
        {
            ulong z = (seed * 0x9E3779B97F4A7C15UL) + index;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public static byte[] Build(JsonElement frame, string property)
    {
        return Build(frame.GetProperty(property), frame.GetProperty("width").GetInt32(), frame.GetProperty("height").GetInt32());
    }

    public static byte[] Build(JsonElement layers, int width, int height)
    {
        var mask = new byte[width * height];
        foreach (JsonElement layer in layers.EnumerateArray())
        {
            AddLayer(layer, width, height, mask);
        }

        return mask;
    }

    private static void AddLayer(JsonElement spec, int width, int height, byte[] mask)
    {
        string kind = spec.GetProperty("kind").GetString()!;
        byte value = spec.TryGetProperty("value", out JsonElement v) ? (byte)v.GetInt32() : (byte)1;
        if (kind == "rows")
        {
            int y = 0;
            foreach (JsonElement row in spec.GetProperty("rows").EnumerateArray())
            {
                string text = row.GetString()!;
                for (int x = 0; x < width; x++)
                {
                    mask[(y * width) + x] += (byte)(text[x] - '0');
                }

                y++;
            }

            return;
        }

        bool[] on = new bool[width * height];
        switch (kind)
        {
            case "full":
                Array.Fill(on, true);
                break;
            case "rect":
                for (int y = spec.GetProperty("y0").GetInt32(); y < Math.Min(height, spec.GetProperty("y1").GetInt32()); y++)
                {
                    for (int x = spec.GetProperty("x0").GetInt32(); x < Math.Min(width, spec.GetProperty("x1").GetInt32()); x++)
                    {
                        on[(y * width) + x] = true;
                    }
                }

                break;
            case "pixels":
                foreach (JsonElement point in spec.GetProperty("points").EnumerateArray())
                {
                    on[(point[1].GetInt32() * width) + point[0].GetInt32()] = true;
                }

                break;
            case "noise":
                ulong noiseSeed = spec.GetProperty("seed").GetUInt64();
                ulong percent = spec.GetProperty("percent").GetUInt64();
                for (int i = 0; i < on.Length; i++)
                {
                    on[i] = Hash(noiseSeed, (ulong)i) % 100 < percent;
                }

                break;
            case "ellipses":
                Ellipses(spec.GetProperty("seed").GetUInt64(), spec.GetProperty("count").GetInt32(), width, height, on);
                break;
            default:
                throw new InvalidDataException($"unknown layer kind `{kind}`");
        }

        for (int i = 0; i < on.Length; i++)
        {
            mask[i] += on[i] ? value : (byte)0;
        }
    }

    private static void Ellipses(ulong seed, int count, int width, int height, bool[] on)
    {
        for (int e = 0; e < count; e++)
        {
            long cx = (long)(Hash(seed, (ulong)(4 * e)) % (ulong)width);
            long cy = (long)(Hash(seed, (ulong)((4 * e) + 1)) % (ulong)height);
            long rx = 1 + (long)(Hash(seed, (ulong)((4 * e) + 2)) % (ulong)Math.Max(1, width / 4));
            long ry = 1 + (long)(Hash(seed, (ulong)((4 * e) + 3)) % (ulong)Math.Max(1, height / 4));
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    long dx = (x - cx) * ry;
                    long dy = (y - cy) * rx;
                    on[(y * width) + x] |= (dx * dx) + (dy * dy) <= rx * ry * rx * ry;
                }
            }
        }
    }
}
