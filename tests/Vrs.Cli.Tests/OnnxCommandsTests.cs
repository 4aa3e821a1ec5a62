using System.Diagnostics;
using System.Text.Json;
using Vrs.Onnx;
using Vrs.Onnx.Graph;
using Vrs.Onnx.Tests;

namespace Vrs.Cli.Tests;

/// <summary><c>vrs doctor</c> and <c>vrs models check</c> through the real command tree and the real library.</summary>
public sealed class OnnxCommandsTests : IDisposable
{
    private const string GoodManifest = """{"kind": "vrs-test", "contract_version": 1, "standin": true, "modules": {"probe": "probe.onnx", "identity": "identity.onnx"}, "constants": {"image_size": 64}}""";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "vrs-cli-" + Guid.NewGuid().ToString("N"));

    public OnnxCommandsTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Doctor_json_has_the_runtime_ffmpeg_and_models_sections()
    {
        string good = Bundle("good", GoodManifest, ("probe.onnx", TestGraphs.Probe()), ("identity.onnx", TestGraphs.Identity(TensorElementType.Float32)));

        (int code, string output, string error) = await Cli.RunAsync("doctor", "--json", "--models", _root);

        Assert.True(code == 0, error);
        using JsonDocument report = JsonDocument.Parse(output);
        JsonElement ort = report.RootElement.GetProperty("onnxruntime");
        Assert.Equal("1.30.0", ort.GetProperty("version").GetString());
        Assert.True(Path.IsPathFullyQualified(ort.GetProperty("library").GetString()!));
        Assert.Contains("CPUExecutionProvider", ort.GetProperty("providers").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.String, report.RootElement.GetProperty("ffmpeg").GetProperty("version").ValueKind);
        JsonElement model = Assert.Single(report.RootElement.GetProperty("models").EnumerateArray());
        Assert.Equal(good, model.GetProperty("path").GetString());
        Assert.Equal("vrs-test", model.GetProperty("kind").GetString());
        Assert.True(model.GetProperty("ok").GetBoolean());
        Assert.True(model.GetProperty("standin").GetBoolean());
        Assert.Empty(model.GetProperty("problems").EnumerateArray());
    }

    [Fact]
    public async Task Doctor_text_names_version_and_cpu_provider_and_fails_on_a_bad_bundle()
    {
        Bundle("bad", GoodManifest, ("probe.onnx", TestGraphs.ProbeBad()), ("identity.onnx", TestGraphs.Identity(TensorElementType.Float32)));

        (int code, string output, _) = await Cli.RunAsync("doctor", "--models", _root);

        Assert.Equal(1, code);
        Assert.Contains("onnxruntime  1.30.0", output, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", output, StringComparison.Ordinal);
        Assert.Contains("FAIL", output, StringComparison.Ordinal);
        Assert.Contains("input `points` is missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_check_passes_a_matching_bundle()
    {
        string good = Bundle("good", GoodManifest, ("probe.onnx", TestGraphs.Probe()), ("identity.onnx", TestGraphs.Identity(TensorElementType.Float32)));

        (int code, string output, string error) = await Cli.RunAsync("models", "check", good);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Equal($"{good}: model bundle (vrs-test contract v1) matches its contract. (stand-in bundle, not the real model)", output.Trim());
    }

    [Fact]
    public async Task Models_standin_writes_sam2_and_lvlm_bundles_that_pass_models_check()
    {
        string root = Path.Combine(_root, "standins");
        (int code, string output, string error) = await Cli.RunAsync("models", "standin", "--out", root);
        Assert.True(code == 0, error);
        Assert.Contains("NOT Qwen2-VL", output, StringComparison.Ordinal);
        foreach (string kind in new[] { "sam2", "lvlm" })
        {
            (code, output, error) = await Cli.RunAsync("models", "check", Path.Combine(root, kind));
            Assert.True(code == 0, error);
            Assert.Contains($"({kind} contract v1) matches its contract. (stand-in bundle, not the real model)", output, StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(root, "lvlm", "tokenizer.json")));
    }

    [Fact]
    public async Task Models_check_exits_2_listing_every_mismatch()
    {
        string bad = Bundle("bad", """{"kind": "vrs-test", "contract_version": 1, "modules": {"probe": "probe.onnx", "identity": "identity.onnx"}}""", ("probe.onnx", TestGraphs.ProbeBad()));

        (int code, string output, string error) = await Cli.RunAsync("models", "check", bad);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith($"error: {bad}: model bundle (vrs-test contract v1) does not match, 6 problems:", error, StringComparison.Ordinal);
        Assert.Contains("  - model `bad/probe.onnx`: input `image` has element type float, contract wants uint8.", error, StringComparison.Ordinal);
        Assert.Contains("  - model `bad/identity.onnx`: file not found", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Models_check_json_reports_problems()
    {
        string bad = Bundle("bad", """{"kind": "vrs-test", "contract_version": 2, "modules": {"probe": "probe.onnx"}}""");

        (int code, string output, _) = await Cli.RunAsync("models", "check", bad, "--json");

        Assert.Equal(2, code);
        using JsonDocument report = JsonDocument.Parse(output);
        Assert.False(report.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(4, report.RootElement.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task A_folder_without_a_manifest_is_one_plain_error()
    {
        (int code, _, string error) = await Cli.RunAsync("models", "check", _root);

        Assert.Equal(2, code);
        Assert.Equal($"error: {Path.Combine(_root, "vrs-model.json")}: not found (a model bundle is a folder with a vrs-model.json manifest).{Environment.NewLine}", error);
    }

    [Theory]
    [InlineData("--device", "gpu", "error: device 'gpu' is not one of cpu, cuda, cuda:N (N = GPU index), auto")]
    [InlineData("--device", "cuda:x", "error: device 'cuda:x' is not one of cpu, cuda, cuda:N (N = GPU index), auto")]
    public async Task A_bad_device_is_a_usage_error(string option, string value, string expected)
    {
        (int code, _, string error) = await Cli.RunAsync("models", "check", _root, option, value);

        Assert.Equal(2, code);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_cuda_on_a_cpu_only_library_is_a_clear_error()
    {
        string good = Bundle("good", GoodManifest, ("probe.onnx", TestGraphs.Probe()), ("identity.onnx", TestGraphs.Identity(TensorElementType.Float32)));

        (int code, _, string error) = await Cli.RunAsync("models", "check", good, "--device", "cuda:1");

        Assert.Equal(2, code);
        Assert.Contains("--device cuda:1 asks for CUDA", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_runs_on_cpu_here_and_says_so_on_stderr()
    {
        string good = Bundle("good", GoodManifest, ("probe.onnx", TestGraphs.Probe()), ("identity.onnx", TestGraphs.Identity(TensorElementType.Float32)));

        (int code, string output, string error) = await Cli.RunAsync("models", "check", good, "--device", "auto");

        Assert.Equal(0, code);
        Assert.Contains("matches its contract", output, StringComparison.Ordinal);
        // The only test in this process that asks for auto, so the once-per-process notice is this one's.
        Assert.StartsWith("note: --device auto: CUDA is not usable (Failed to load library", error, StringComparison.Ordinal);
        Assert.EndsWith($"running on CPU.{Environment.NewLine}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_library_is_one_error_line_and_exit_2_in_a_fresh_process()
    {
        (int exitCode, _, string error) = await RunFreshAsync(null, "models", "check", _root, "--ort-library", "/nonexistent/libonnxruntime.so.1");

        Assert.Equal(2, exitCode);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ONNX Runtime could not be loaded; tried --ort-library: /nonexistent/libonnxruntime.so.1 — no such file.", line, StringComparison.Ordinal);
        Assert.Contains("VRS_ORT_LIBRARY", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_environment_variable_comes_before_the_setup_folder_and_a_bad_one_is_not_skipped()
    {
        (_, string doctorJson, _) = await Cli.RunAsync("doctor", "--json");
        string library;
        using (JsonDocument report = JsonDocument.Parse(doctorJson))
        {
            library = report.RootElement.GetProperty("onnxruntime").GetProperty("library").GetString()!;
        }

        string link = Path.Combine(_root, "ort", "libonnxruntime.so.1");
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, library);

        (int okCode, string okOutput, _) = await RunFreshAsync(link, "doctor", "--json");
        (int badCode, string badOutput, _) = await RunFreshAsync("/nonexistent/ort.so", "doctor", "--json");

        Assert.True(okCode == 0, okOutput);
        using JsonDocument ok = JsonDocument.Parse(okOutput);
        Assert.Equal(link, ok.RootElement.GetProperty("onnxruntime").GetProperty("library").GetString());
        Assert.Equal("VRS_ORT_LIBRARY", ok.RootElement.GetProperty("onnxruntime").GetProperty("found_by").GetString());
        Assert.Equal(1, badCode);
        using JsonDocument bad = JsonDocument.Parse(badOutput);
        Assert.StartsWith("ONNX Runtime could not be loaded; tried VRS_ORT_LIBRARY: /nonexistent/ort.so — no such file.", bad.RootElement.GetProperty("onnxruntime").GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Runs the built vrs in its own process (the library is loaded once per process).</summary>
    private static async Task<(int Code, string Output, string Error)> RunFreshAsync(string? ortLibraryVariable, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vrs.dll"));
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("VRS_ORT_LIBRARY");
        if (ortLibraryVariable is not null)
        {
            start.Environment["VRS_ORT_LIBRARY"] = ortLibraryVariable;
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, error);
    }


    private string Bundle(string name, string manifest, params (string Target, byte[] Model)[] files)
    {
        string folder = Path.Combine(_root, name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "vrs-model.json"), manifest);
        foreach ((string target, byte[] model) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, target), model);
        }

        return folder;
    }
}
