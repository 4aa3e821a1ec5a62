using System.Globalization;
using System.Text.Json;
using Vrs.Media.Video;

namespace Vrs.Media.Masks;

/// <summary>
/// All masks of a video in one JSON file of COCO RLEs, keyed by frame name then object id:
/// <c>{"00000": {"1": {"size": [h, w], "counts": "…"}}, …}</c> — the per-object shape pycocotools'
/// <c>mask.decode</c> reads. Written as a stream to a hidden temporary file and renamed into place at commit.
/// </summary>
public sealed class CocoRleMaskWriter : IMaskWriter
{
    private readonly string _path;
    private readonly string _temporary;
    private readonly FileStream _stream;
    private readonly Utf8JsonWriter _json;
    private bool _done;

    public CocoRleMaskWriter(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        _path = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        _temporary = Path.Combine(directory, $".{Path.GetFileName(_path)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        _stream = new FileStream(_temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        _json = new Utf8JsonWriter(_stream);
        _json.WriteStartObject();
    }

    public string FilePath => _path;

    public void Write(FrameInfo frame, IReadOnlyList<ObjectMask> masks)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        ArgumentNullException.ThrowIfNull(masks);
        if (masks.Count > 0)
        {
            MaskFrame.SizeOf(masks, 0, 0, frame.Name);
        }

        _json.WriteStartObject(frame.Name);
        foreach (ObjectMask mask in masks)
        {
            _json.WriteStartObject(mask.ObjectId.ToString(CultureInfo.InvariantCulture));
            _json.WriteStartArray("size");
            _json.WriteNumberValue(mask.Mask.Height);
            _json.WriteNumberValue(mask.Mask.Width);
            _json.WriteEndArray();
            _json.WriteString("counts", CocoRle.Encode(mask.Mask.Pixels, mask.Mask.Height, mask.Mask.Width));
            _json.WriteEndObject();
        }

        _json.WriteEndObject();
    }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _json.WriteEndObject();
        _json.Flush();
        _stream.Flush(flushToDisk: false);
        _json.Dispose();
        _stream.Dispose();
        _done = true;
        File.Move(_temporary, _path, overwrite: true);
    }

    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _json.Dispose();
        _stream.Dispose();
        File.Delete(_temporary);
    }
}
