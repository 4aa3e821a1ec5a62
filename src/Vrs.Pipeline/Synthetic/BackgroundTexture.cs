namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// Renders a <see cref="SceneBackground"/> once per scene (the camera is still, so every frame starts from the same
/// backdrop). Blotches are value noise: seeded random levels on a lattice, smoothly interpolated.
/// </summary>
internal static class BackgroundTexture
{
    public static byte[] Render(SceneBackground background, int width, int height, ulong seed)
    {
        var rgb = new byte[checked(width * height * 3)];
        int cell = Math.Max(background.BlotchSize, 1);
        for (int y = 0; y < height; y++)
        {
            float gradient = background.Gradient * (1 - (2f * (y + 0.5f) / height));
            int gy = y / cell;
            float fy = Smooth((y % cell + 0.5f) / cell);
            Span<byte> row = rgb.AsSpan(y * width * 3, width * 3);
            for (int x = 0; x < width; x++)
            {
                int gx = x / cell;
                float fx = Smooth((x % cell + 0.5f) / cell);
                float top = Lerp(Lattice(seed, gx, gy), Lattice(seed, gx + 1, gy), fx);
                float bottom = Lerp(Lattice(seed, gx, gy + 1), Lattice(seed, gx + 1, gy + 1), fx);
                float grey = background.Grey + gradient + (background.Blotches * Lerp(top, bottom, fy))
                    + (background.Grain * SplitMix64.Signed(seed, x, y, 1));
                row[x * 3] = Pixel.Clamp(grey + background.Tint);
                row[(x * 3) + 1] = Pixel.Clamp(grey);
                row[(x * 3) + 2] = Pixel.Clamp(grey - background.Tint);
            }
        }

        return rgb;
    }

    private static float Lattice(ulong seed, int gx, int gy) => SplitMix64.Signed(seed, gx, gy, 0);

    private static float Smooth(float t) => t * t * (3 - (2 * t));

    private static float Lerp(float a, float b, float t) => a + ((b - a) * t);
}
