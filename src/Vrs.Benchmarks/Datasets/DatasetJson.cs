using System.Text.Json;

namespace Vrs.Benchmarks.Datasets;

/// <summary>Reads a benchmark's JSON files with the errors every reader reports the same way: the path, then what is wrong.</summary>
internal static class DatasetJson
{
    /// <summary>Parses a whole (small) JSON file; missing or malformed files become errors naming the path.</summary>
    public static JsonDocument Parse(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"{path}: file not found", path, e);
        }

        try
        {
            return JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw Malformed(path, e);
        }
    }

    /// <summary>"path: malformed JSON at line L, byte B: reason" for a parser error.</summary>
    public static InvalidDataException Malformed(string path, JsonException e) =>
        new($"{path}: malformed JSON at line {(e.LineNumber ?? 0) + 1}, byte {e.BytePositionInLine ?? 0}: {FirstSentence(e.Message)}", e);

    public static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut < 0 ? message.TrimEnd('.') : message[..cut];
    }
}
