using System.Text.Json;
using Vrs.Media;

namespace Vrs.Cli.Tests;

/// <summary><c>vrs eval</c> as a user runs it: scores, outputs, gates, and one clear error for each kind of bad input.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-eval-" + Guid.NewGuid().ToString("N"));

    public EvalCommandTests()
    {
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Golden", "revos"), _root);
    }

    private string Pred => Path.Combine(_root, "pred");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Scores_revos_and_writes_json_and_csv_in_percent()
    {
        string json = Path.Combine(_root, "out", "scores.json");
        string csv = Path.Combine(_root, "out", "scores.csv");

        (int code, string output, string error) = await Cli.RunAsync("eval", "--benchmark", "revos", "--root", _root, "--pred", Pred, "--json", json, "--csv", csv, "--quiet");

        Assert.True(code == 0, error);
        Assert.Contains("overall", output, StringComparison.Ordinal);
        using JsonDocument report = JsonDocument.Parse(File.ReadAllBytes(json));
        JsonElement overall = report.RootElement.GetProperty("subsets").GetProperty("overall");
        Assert.Equal("revos", report.RootElement.GetProperty("benchmark").GetString());
        Assert.Equal(51.098431818181815, overall.GetProperty("JF").GetDouble(), 1e-9);
        Assert.Equal(21, overall.GetProperty("expressions").GetInt32());
        Assert.True(report.RootElement.GetProperty("subsets").TryGetProperty("reasoning", out _));
        Assert.Equal(24, report.RootElement.GetProperty("expressions").GetArrayLength());
        string[] rows = File.ReadAllLines(csv);
        Assert.Equal("video,exp_id,exp,type_id,J,F,JF,R,A,status", rows[0]);
        Assert.Equal(25, rows.Length);
        Assert.DoesNotContain(Directory.GetFiles(Path.GetDirectoryName(json)!), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("99", 1)]
    [InlineData("50", 0)]
    public async Task Fail_under_gates_on_the_overall_jf(string threshold, int expectedCode)
    {
        (int code, _, string error) = await Cli.RunAsync("eval", "-b", "revos", "--root", _root, "--pred", Pred, "--fail-under", threshold, "--quiet");

        Assert.Equal(expectedCode, code);
        Assert.Equal(expectedCode == 1, error.Contains("fail-under", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Malformed_json_names_the_file()
    {
        string meta = Path.Combine(_root, "meta_expressions_valid_.json");
        File.WriteAllText(meta, "{\"videos\": {\"a\": [1, }");

        await AssertBadInputAsync(meta, "malformed JSON");
    }

    [Fact]
    public async Task An_rle_whose_size_disagrees_with_the_prediction_is_an_error_that_suggests_a_transpose()
    {
        string first = Path.Combine(Pred, "MOSE", "6f1e2c0a", "0", FirstFrame("MOSE/6f1e2c0a") + ".png");
        GrayImage image = PngDecoder.ReadGray(first);
        PngEncoder.WriteGray(first, new GrayImage(image.Height, image.Width));

        string error = await AssertBadInputAsync(Path.Combine(_root, "mask_dict.json"), "RLE size");
        Assert.Contains("transposed", error, StringComparison.Ordinal);
        Assert.Contains(first, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_png_names_the_file()
    {
        string first = Path.Combine(Pred, "MOSE", "6f1e2c0a", "0", FirstFrame("MOSE/6f1e2c0a") + ".png");
        byte[] bytes = File.ReadAllBytes(first);
        File.WriteAllBytes(first, bytes[..(bytes.Length / 2)]);

        await AssertBadInputAsync(first, "truncated");
    }

    [Fact]
    public async Task A_video_key_that_escapes_pred_is_refused()
    {
        string meta = Path.Combine(_root, "meta_expressions_valid_.json");
        string text = File.ReadAllText(meta).Replace("\"MOSE/6f1e2c0a\"", "\"../../escape\"", StringComparison.Ordinal);
        File.WriteAllText(meta, text);

        await AssertBadInputAsync("../../escape", "escapes");
    }

    [Fact]
    public async Task An_unknown_benchmark_is_bad_usage()
    {
        (int code, _, string error) = await Cli.RunAsync("eval", "-b", "kitti", "--root", _root, "--pred", Pred);

        Assert.Equal(2, code);
        Assert.Contains("kitti", error, StringComparison.Ordinal);
        Assert.Contains("revos", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_root_is_bad_input()
    {
        string missing = Path.Combine(_root, "nope");
        (int code, _, string error) = await Cli.RunAsync("eval", "-b", "mevis", "--root", missing, "--pred", Pred);

        Assert.Equal(2, code);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    private async Task<string> AssertBadInputAsync(string mustName, string mustSay)
    {
        string json = Path.Combine(_root, "out.json");
        (int code, string output, string error) = await Cli.RunAsync("eval", "-b", "revos", "--root", _root, "--pred", Pred, "--json", json, "--quiet");

        Assert.Equal(2, code);
        string[] errorLines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        Assert.Single(errorLines);
        Assert.Contains(mustName, error, StringComparison.Ordinal);
        Assert.Contains(mustSay, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Equal("", output);
        Assert.False(File.Exists(json), "no report may be written when the evaluation fails");
        return error;
    }

    private string FirstFrame(string video)
    {
        using JsonDocument meta = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_root, "meta_expressions_valid_.json")));
        return meta.RootElement.GetProperty("videos").GetProperty(video).GetProperty("frames")[0].GetString()!;
    }


    private static void CopyDirectory(string from, string to)
    {
        foreach (string directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
