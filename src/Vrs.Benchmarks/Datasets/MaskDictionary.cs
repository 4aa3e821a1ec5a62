using System.Text.Json;

namespace Vrs.Benchmarks.Datasets;

/// <summary>
/// A <c>mask_dict.json</c>: per annotation id, one COCO RLE (or null when the object is absent) per frame of its
/// video. Entries are read on demand, so memory does not grow with the size of the file.
/// </summary>
public sealed class MaskDictionary : IDisposable
{
    private readonly JsonValueIndex _index;

    private MaskDictionary(JsonValueIndex index) => _index = index;

    public string Path => _index.Path;

    public static MaskDictionary Open(string path) => new(JsonValueIndex.Open(path));

    public bool Contains(int annoId) => _index.ContainsKey(annoId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The per-frame RLEs of <paramref name="annoId"/>; throws naming the file when the id is absent or malformed.</summary>
    public IReadOnlyList<RleFrame?> Get(int annoId)
    {
        string key = annoId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        byte[] value = _index.ReadValue(key)
            ?? throw new InvalidDataException($"{Path}: no entry for annotation id {key}");
        return ParseFrameList(value, Path, $"entry \"{key}\"");
    }

    public void Dispose() => _index.Dispose();

    /// <summary>Parses a JSON array whose items are null or <c>{"size": [h, w], "counts": "..."}</c>.</summary>
    internal static List<RleFrame?> ParseFrameList(ReadOnlySpan<byte> json, string path, string where)
    {
        var frames = new List<RleFrame?>();
        try
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidDataException($"{path}: {where} should be a list of per-frame RLEs");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    frames.Add(null);
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new InvalidDataException($"{path}: {where}, frame {frames.Count}: expected null or an RLE object");
                }

                frames.Add(ReadRle(ref reader, path, $"{where}, frame {frames.Count}"));
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {where}: malformed JSON: {DatasetJson.FirstSentence(e.Message)}", e);
        }

        return frames;
    }

    /// <summary>Reads <c>{"size": [h, w], "counts": "..."}</c> with the reader on its StartObject.</summary>
    internal static RleFrame ReadRle(ref Utf8JsonReader reader, string path, string where)
    {
        int height = -1;
        int width = -1;
        string? counts = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            if (name == "size")
            {
                if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || !reader.TryGetInt32(out height)
                    || !reader.Read() || !reader.TryGetInt32(out width) || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
                {
                    throw new InvalidDataException($"{path}: {where}: \"size\" must be [height, width]");
                }
            }
            else if (name == "counts")
            {
                if (reader.TokenType != JsonTokenType.String)
                {
                    throw new InvalidDataException($"{path}: {where}: \"counts\" must be a compressed COCO RLE string");
                }

                counts = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        if (height < 0 || width < 0 || counts is null)
        {
            throw new InvalidDataException($"{path}: {where}: an RLE needs \"size\" and \"counts\"");
        }

        return new RleFrame(height, width, counts);
    }
}
