using System.Buffers;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Vrs.Benchmarks.Datasets;

/// <summary>
/// Byte ranges of the values of a JSON file's top-level object, found in one streaming pass, so one entry can be
/// read later without holding the file in memory. Mask dictionaries of full benchmarks run to gigabytes;
/// the index keeps 16 bytes per key.
/// </summary>
public sealed class JsonValueIndex : IDisposable
{
    private const int InitialBufferSize = 1 << 20;

    private readonly SafeFileHandle _file;
    private readonly Dictionary<string, (long Offset, int Length)> _ranges;

    private JsonValueIndex(string path, SafeFileHandle file, Dictionary<string, (long Offset, int Length)> ranges)
    {
        Path = path;
        _file = file;
        _ranges = ranges;
    }

    public string Path { get; }

    public int Count => _ranges.Count;

    public IEnumerable<string> Keys => _ranges.Keys;

    public bool ContainsKey(string key) => _ranges.ContainsKey(key);

    /// <summary>Scans <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming the file when it is not a JSON object.</summary>
    public static JsonValueIndex Open(string path)
    {
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (FileNotFoundException)
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }
        catch (DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }

        try
        {
            Dictionary<string, (long, int)> ranges = Scan(path, file);
            return new JsonValueIndex(path, file, ranges);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The raw UTF-8 bytes of the value stored under <paramref name="key"/>, or null when the key is absent.</summary>
    public byte[]? ReadValue(string key)
    {
        if (!_ranges.TryGetValue(key, out (long Offset, int Length) range))
        {
            return null;
        }

        byte[] bytes = new byte[range.Length];
        int read = 0;
        while (read < bytes.Length)
        {
            int n = RandomAccess.Read(_file, bytes.AsSpan(read), range.Offset + read);
            if (n == 0)
            {
                throw new InvalidDataException($"{Path}: the file changed while it was being read");
            }

            read += n;
        }

        return bytes;
    }

    public void Dispose() => _file.Dispose();

    private static Dictionary<string, (long, int)> Scan(string path, SafeFileHandle file)
    {
        var ranges = new Dictionary<string, (long, int)>(StringComparer.Ordinal);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            long fileLength = RandomAccess.GetLength(file);
            long bufferStart = 0;   // file offset of buffer[0]
            int filled = 0;
            var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            bool sawRoot = false;
            string? pendingKey = null;   // a top-level property whose value is still to be skipped

            while (true)
            {
                long fileRead = bufferStart + filled;
                if (fileRead < fileLength && filled < buffer.Length)
                {
                    filled += RandomAccess.Read(file, buffer.AsSpan(filled), fileRead);
                }

                bool final = bufferStart + filled >= fileLength;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, filled), final, state);
                while (true)
                {
                    if (pendingKey is not null)
                    {
                        Utf8JsonReader probe = reader;
                        if (!probe.Read())
                        {
                            break;
                        }

                        long start = bufferStart + probe.TokenStartIndex;
                        if (!probe.TrySkip())
                        {
                            break;
                        }

                        long length = bufferStart + probe.BytesConsumed - start;
                        if (length > int.MaxValue)
                        {
                            throw new InvalidDataException($"{path}: the value of \"{pendingKey}\" is larger than 2 GiB");
                        }

                        ranges[pendingKey] = (start, (int)length);
                        pendingKey = null;
                        reader = probe;
                        continue;
                    }

                    if (!reader.Read())
                    {
                        break;
                    }

                    if (!sawRoot)
                    {
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new InvalidDataException($"{path}: expected a JSON object at the top level, found {Describe(reader.TokenType)}");
                        }

                        sawRoot = true;
                    }
                    else if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                    {
                        return ranges;
                    }
                    else if (reader.TokenType == JsonTokenType.PropertyName)
                    {
                        pendingKey = reader.GetString()!;
                    }
                }

                if (final)
                {
                    throw new InvalidDataException($"{path}: the JSON ends before its top-level object is closed (truncated file?)");
                }

                // Keep the unconsumed tail; grow the buffer when a single value does not fit in it.
                state = reader.CurrentState;
                int consumed = (int)reader.BytesConsumed;
                if (consumed == 0 && filled == buffer.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                    continue;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                bufferStart += consumed;
                filled -= consumed;
            }
        }
        catch (JsonException e)
        {
            throw DatasetJson.Malformed(path, e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

}
