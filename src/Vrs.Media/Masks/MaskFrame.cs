namespace Vrs.Media.Masks;

/// <summary>Checks one frame's masks agree on a size and that object ids fit an indexed PNG.</summary>
internal static class MaskFrame
{
    public static (int Width, int Height) SizeOf(IReadOnlyList<ObjectMask> masks, int width, int height, string frameName)
    {
        ArgumentNullException.ThrowIfNull(masks);
        foreach (ObjectMask mask in masks)
        {
            ArgumentNullException.ThrowIfNull(mask.Mask);
            if (mask.ObjectId is < 1 or > 255)
            {
                throw new ArgumentException($"frame {frameName}: object id {mask.ObjectId} is outside 1..255", nameof(masks));
            }

            if (width == 0)
            {
                (width, height) = (mask.Mask.Width, mask.Mask.Height);
            }
            else if (mask.Mask.Width != width || mask.Mask.Height != height)
            {
                throw new ArgumentException(
                    $"frame {frameName}: object {mask.ObjectId} mask is {mask.Mask.Width}×{mask.Mask.Height}, expected {width}×{height}", nameof(masks));
            }
        }

        if (width == 0)
        {
            throw new ArgumentException($"frame {frameName}: no masks and no frame size to write an empty mask", nameof(masks));
        }

        return (width, height);
    }
}
