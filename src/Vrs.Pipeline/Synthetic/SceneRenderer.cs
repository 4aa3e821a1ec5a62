namespace Vrs.Pipeline.Synthetic;

/// <summary>
/// Draws a scene's frames: the backdrop, then each existing object from the lowest layer up, each shaded (lighter
/// towards its top left) and textured with grain that moves with it. Alongside the colours it fills an owner map,
/// the id of the top-most object at each pixel (0: background), which is exactly the visible-part ground truth.
/// Rendering a frame allocates nothing.
/// </summary>
public sealed class SceneRenderer
{
    /// <summary>
    /// Shading across an object: ±4 % vertically and ±2 % horizontally at its edge, so even white's corners stay
    /// well inside SAM 2 stand-in's colour radius (0.2 of full scale) around its paint.
    /// </summary>
    private const float VerticalShade = 0.04f;
    private const float HorizontalShade = 0.02f;

    /// <summary>Amplitude of an object's surface grain, in levels; small beside the distance between paints.</summary>
    private const float Grain = 5f;

    private readonly byte[] _background;
    private readonly SceneObject[] _drawOrder;

    public SceneRenderer(SyntheticScene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        Scene = scene;
        _background = BackgroundTexture.Render(scene.Background, scene.Width, scene.Height, scene.Seed);
        _drawOrder = [.. scene.Objects.OrderBy(o => o.Layer).ThenBy(o => o.Id)];
    }

    public SyntheticScene Scene { get; }

    /// <summary>Bytes of one rgb24 frame.</summary>
    public int FrameBytes => _background.Length;

    /// <summary>Pixels of one frame (the length of an owner map or mask).</summary>
    public int PixelCount => Scene.Width * Scene.Height;

    /// <summary>
    /// Renders <paramref name="frame"/> into <paramref name="rgb"/> (<see cref="FrameBytes"/> bytes) and
    /// <paramref name="owner"/> (<see cref="PixelCount"/> bytes: the top-most object id per pixel, 0 for background).
    /// </summary>
    public void Render(int frame, Span<byte> rgb, Span<byte> owner)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, Scene.FrameCount);
        if (rgb.Length != FrameBytes || owner.Length != PixelCount)
        {
            throw new ArgumentException($"scene {Scene.Name} needs {FrameBytes} rgb bytes and {PixelCount} owner bytes; got {rgb.Length} and {owner.Length}");
        }

        _background.CopyTo(rgb);
        DrawObjects(frame, rgb, owner, paint: true);
    }

    /// <summary>Fills only the owner map of <paramref name="frame"/>: the ground truth without the cost of colour.</summary>
    public void RenderOwners(int frame, Span<byte> owner)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, Scene.FrameCount);
        if (owner.Length != PixelCount)
        {
            throw new ArgumentException($"scene {Scene.Name} needs {PixelCount} owner bytes; got {owner.Length}", nameof(owner));
        }

        DrawObjects(frame, [], owner, paint: false);
    }

    /// <summary>Writes 255 where <paramref name="owner"/> holds one of <paramref name="ids"/> and 0 elsewhere.</summary>
    public static void Mask(ReadOnlySpan<byte> owner, IReadOnlyCollection<int> ids, Span<byte> mask)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (mask.Length != owner.Length)
        {
            throw new ArgumentException($"the mask has {mask.Length} pixels, the owner map {owner.Length}", nameof(mask));
        }

        Span<bool> wanted = stackalloc bool[256];
        foreach (int id in ids)
        {
            wanted[(byte)id] = id is > 0 and < 256;
        }

        for (int i = 0; i < owner.Length; i++)
        {
            mask[i] = wanted[owner[i]] ? (byte)255 : (byte)0;
        }
    }

    private void DrawObjects(int frame, Span<byte> rgb, Span<byte> owner, bool paint)
    {
        owner.Clear();
        foreach (SceneObject o in _drawOrder)
        {
            if (o.ExistsAt(frame))
            {
                Draw(o, frame, rgb, owner, paint);
            }
        }
    }

    private void Draw(SceneObject o, int frame, Span<byte> rgb, Span<byte> owner, bool paint)
    {
        int width = Scene.Width;
        (float cx, float cy) = o.Path.At(frame);
        (int top, int bottom) = ShapeRaster.Rows(o.Shape, cy, o.Size, Scene.Height);
        float inverseSize = 1 / o.Size;
        ulong seed = Scene.Seed ^ ((ulong)o.Id << 56);
        int originX = (int)MathF.Round(cx);
        int originY = (int)MathF.Round(cy);
        for (int y = top; y < bottom; y++)
        {
            (int left, int right) = ShapeRaster.Span(o.Shape, cx, cy, o.Size, y, width);
            if (left < right)
            {
                owner.Slice((y * width) + left, right - left).Fill((byte)o.Id);
            }

            if (!paint)
            {
                continue;
            }

            float rowShade = 1 - (VerticalShade * (y + 0.5f - cy) * inverseSize);
            for (int x = left; x < right; x++)
            {
                float shade = rowShade - (HorizontalShade * (x + 0.5f - cx) * inverseSize);
                float grain = Grain * SplitMix64.Signed(seed, x - originX, y - originY, 2);
                int p = ((y * width) + x) * 3;
                rgb[p] = Pixel.Clamp((o.Colour.R * shade) + grain);
                rgb[p + 1] = Pixel.Clamp((o.Colour.G * shade) + grain);
                rgb[p + 2] = Pixel.Clamp((o.Colour.B * shade) + grain);
            }
        }
    }
}
