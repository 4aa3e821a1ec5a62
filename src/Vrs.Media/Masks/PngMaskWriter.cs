using Vrs.Media.Video;

namespace Vrs.Media.Masks;

/// <summary>
/// One PNG per frame, <c>&lt;folder&gt;/&lt;frame name&gt;.png</c>. Binary (the default): 8-bit gray, 255 where
/// any object is present and 0 elsewhere — the union, which is what reasoning-segmentation benchmarks score.
/// Palette: 8-bit indexed with the DAVIS palette, each pixel the id of the object there (a later object in the
/// list wins where masks overlap), 0 for background.
/// </summary>
public sealed class PngMaskWriter : IMaskWriter
{
    private readonly StagedDirectory _staging;
    private readonly bool _palette;
    private int _width;
    private int _height;
    private GrayImage? _buffer;

    /// <param name="folder">The final folder.</param>
    /// <param name="palette">Indexed PNGs with object ids instead of 0/255.</param>
    /// <param name="width">Frame width, needed for frames written with no masks (0: take it from the first masks).</param>
    /// <param name="height">Frame height, likewise.</param>
    public PngMaskWriter(string folder, bool palette = false, int width = 0, int height = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        _staging = new StagedDirectory(folder);
        _palette = palette;
        _width = width;
        _height = height;
    }

    public string Folder => _staging.FinalPath;

    public void Write(FrameInfo frame, IReadOnlyList<ObjectMask> masks)
    {
        // The first frame fixes the size: every mask of a video has the video's size.
        (int width, int height) = MaskFrame.SizeOf(masks, _width, _height, frame.Name);
        (_width, _height) = (width, height);
        if (_buffer is null || _buffer.Width != width || _buffer.Height != height)
        {
            _buffer = new GrayImage(width, height);
        }

        Span<byte> pixels = _buffer.Pixels;
        pixels.Clear();
        foreach (ObjectMask mask in masks)
        {
            byte value = _palette ? (byte)mask.ObjectId : (byte)255;
            ReadOnlySpan<byte> source = mask.Mask.Pixels;
            for (int i = 0; i < source.Length; i++)
            {
                if (source[i] != 0)
                {
                    pixels[i] = value;
                }
            }
        }

        string path = _staging.FileFor(frame.Name, ".png");
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (_palette)
        {
            PngEncoder.WriteIndexed(stream, _buffer, DavisPalette.Rgb);
        }
        else
        {
            PngEncoder.WriteGray(stream, _buffer);
        }
    }

    public void Commit() => _staging.Commit();

    public void Dispose() => _staging.Dispose();
}
