using System.Text;
using Vrs.Benchmarks.Datasets;

namespace Vrs.Benchmarks.Tests.Datasets;

public sealed class JsonValueIndexTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vrs-jsonindex-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Finds_each_top_level_value_exactly()
    {
        string path = Write("a.json", "{ \"1\": [null, {\"size\": [2, 3], \"counts\": \"06\"}],\n \"b\" : \"x\\\"y\", \"n\": 12.5, \"o\": {\"k\": [1,2]} }");
        using var index = JsonValueIndex.Open(path);
        Assert.Equal(4, index.Count);
        Assert.Equal("[null, {\"size\": [2, 3], \"counts\": \"06\"}]", Encoding.UTF8.GetString(index.ReadValue("1")!));
        Assert.Equal("\"x\\\"y\"", Encoding.UTF8.GetString(index.ReadValue("b")!));
        Assert.Equal("12.5", Encoding.UTF8.GetString(index.ReadValue("n")!));
        Assert.Equal("{\"k\": [1,2]}", Encoding.UTF8.GetString(index.ReadValue("o")!));
        Assert.Null(index.ReadValue("missing"));
    }

    [Fact]
    public void Handles_values_that_straddle_and_exceed_the_read_buffer()
    {
        // 3 MB of entries and one 2.5 MB value: both the buffer refill and the buffer growth paths run.
        var json = new StringBuilder("{");
        for (int i = 0; i < 30000; i++)
        {
            json.Append(i == 0 ? "" : ",").Append('"').Append(i).Append("\": [\"").Append(new string('a', 90)).Append("\"]");
        }

        string big = new('z', 2_500_000);
        json.Append(", \"big\": \"").Append(big).Append("\"}");
        string path = Write("big.json", json.ToString());
        using var index = JsonValueIndex.Open(path);
        Assert.Equal(30001, index.Count);
        Assert.Equal("[\"" + new string('a', 90) + "\"]", Encoding.UTF8.GetString(index.ReadValue("29999")!));
        Assert.Equal("\"" + big + "\"", Encoding.UTF8.GetString(index.ReadValue("big")!));
    }

    [Theory]
    [InlineData("{\"a\": [1, 2", "malformed JSON")]
    [InlineData("[1, 2]", "expected a JSON object")]
    [InlineData("{\"a\": [1, 2}", "malformed JSON")]
    [InlineData("", "malformed JSON")]
    public void Malformed_files_are_named_in_the_error(string content, string expected)
    {
        string path = Write("bad.json", content);
        var error = Assert.Throws<InvalidDataException>(() => JsonValueIndex.Open(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        string path = Path.Combine(_dir, "nope.json");
        var error = Assert.Throws<FileNotFoundException>(() => JsonValueIndex.Open(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
