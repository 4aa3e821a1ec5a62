using Vrs.Media.Masks;

namespace Vrs.Media.Video;

/// <summary>
/// Draws masks over a frame: each object's pixels blended with its DAVIS palette colour, its boundary (mask pixels
/// with a 4-neighbour outside the mask) optionally solid. Where objects overlap the later one wins.
/// </summary>
public static class MaskOverlay
{
    /// <summary>Writes <paramref name="frame"/> with <paramref name="masks"/> drawn into <paramref name="destination"/> (RGB, frame-sized).</summary>
    public static void Draw(RgbFrame frame, IReadOnlyList<ObjectMask> masks, float alpha, bool contours, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(masks);
        if (destination.Length != frame.Pixels.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} bytes; a {frame.Width}×{frame.Height} RGB frame needs {frame.Pixels.Length}", nameof(destination));
        }

        if (alpha is < 0 or > 1 || float.IsNaN(alpha))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha is between 0 and 1");
        }

        frame.Pixels.CopyTo(destination);
        int width = frame.Width;
        int height = frame.Height;
        int weight = (int)MathF.Round(alpha * 256);
        foreach (ObjectMask mask in masks)
        {
            ArgumentNullException.ThrowIfNull(mask.Mask);
            if (mask.Mask.Width != width || mask.Mask.Height != height)
            {
                throw new ArgumentException(
                    $"frame {frame.Name}: object {mask.ObjectId} mask is {mask.Mask.Width}×{mask.Mask.Height} but the frame is {width}×{height}", nameof(masks));
            }

            (byte r, byte g, byte b) = DavisPalette.Color(Math.Clamp(mask.ObjectId, 0, 255));
            ReadOnlySpan<byte> m = mask.Mask.Pixels;
            for (int y = 0; y < height; y++)
            {
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    int i = row + x;
                    if (m[i] == 0)
                    {
                        continue;
                    }

                    int o = i * 3;
                    bool edge = contours
                        && ((x > 0 && m[i - 1] == 0) || (x < width - 1 && m[i + 1] == 0)
                            || (y > 0 && m[i - width] == 0) || (y < height - 1 && m[i + width] == 0));
                    if (edge)
                    {
                        destination[o] = r;
                        destination[o + 1] = g;
                        destination[o + 2] = b;
                    }
                    else
                    {
                        destination[o] = Blend(frame.Pixels[o], r, weight);
                        destination[o + 1] = Blend(frame.Pixels[o + 1], g, weight);
                        destination[o + 2] = Blend(frame.Pixels[o + 2], b, weight);
                    }
                }
            }
        }
    }

    private static byte Blend(byte under, byte over, int weight) =>
        (byte)(((under * (256 - weight)) + (over * weight) + 128) >> 8);
}
