using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vrs.Onnx;
using Vrs.Onnx.Contracts;
using C = Vrs.Onnx.Contracts.Sam2Contract;

namespace Vrs.Segmentation.Tests;

/// <summary>
/// scripts/export_sam2.py against the C# side, without torch: its <c>--print-manifest-template</c> (the manifest
/// writer and the contract it exports against, standard library only) must agree with <see cref="Sam2Contract"/>,
/// <see cref="Sam2StandIn.ModuleFiles"/> and what <see cref="Sam2Settings.FromManifest"/> reads. The export itself
/// needs torch, sam2 and weights, which this machine does not have.
/// </summary>
public sealed class Sam2ExportScriptTests
{
    private static readonly Lazy<Task<JsonDocument>> s_template = new(async () =>
    {
        (int code, string output, string error) = await RunScriptAsync("--print-manifest-template");
        Assert.True(code == 0, $"export_sam2.py --print-manifest-template exited with {code}: {error}");
        return JsonDocument.Parse(output);
    });

    private static async Task<JsonElement> TemplateAsync() => (await s_template.Value).RootElement;

    [Fact]
    public async Task The_template_manifest_has_the_bundle_kind_the_module_files_and_every_required_constant_in_order()
    {
        JsonElement template = await TemplateAsync();
        JsonElement manifest = template.GetProperty("manifest");
        Assert.Equal(C.Kind, manifest.GetProperty("kind").GetString());
        Assert.Equal(C.Version, manifest.GetProperty("contract_version").GetInt32());
        Assert.False(manifest.GetProperty("standin").GetBoolean());

        var modules = manifest.GetProperty("modules").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        Assert.Equal(Sam2StandIn.ModuleFiles.OrderBy(p => p.Key, StringComparer.Ordinal), modules.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(C.Contract.Modules.Select(m => m.Name).Order(StringComparer.Ordinal), modules.Keys.Order(StringComparer.Ordinal));

        Assert.Equal(C.RequiredConstants, manifest.GetProperty("constants").EnumerateObject().Select(p => p.Name));
        Assert.Equal(C.RequiredConstants, template.GetProperty("required_constants").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_template_manifest_loads_and_gives_the_hosts_default_settings()
    {
        JsonElement template = await TemplateAsync();
        string dir = Path.Combine(Path.GetTempPath(), "vrs-export-template-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, ModelManifest.FileName), template.GetProperty("manifest").GetRawText());
            ModelManifest manifest = ModelManifest.Load(dir);
            Assert.False(manifest.Standin);
            Sam2Settings read = Sam2Settings.FromManifest(manifest);   // throws on a wrong JSON type (e.g. 1024.0 for an int)
            var defaults = new Sam2Settings { ModelVersion = "sam2.1_hiera_large" };
            Dictionary<string, object> want = defaults.ToManifestConstants();
            Dictionary<string, object> have = read.ToManifestConstants();
            Assert.Equal(want.Keys, have.Keys);
            foreach (string name in want.Keys)
            {
                Assert.True(
                    JsonSerializer.Serialize(want[name]) == JsonSerializer.Serialize(have[name]),
                    $"constant `{name}`: the script writes {JsonSerializer.Serialize(have[name])}, the host's SAM 2.1 default is {JsonSerializer.Serialize(want[name])}");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task The_scripts_contract_equals_Sam2Contract_module_by_module()
    {
        JsonElement contract = (await TemplateAsync()).GetProperty("contract");
        Assert.Equal(C.Contract.Modules.Select(m => m.Name).Order(StringComparer.Ordinal), contract.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (ModuleContract module in C.Contract.Modules)
        {
            JsonElement script = contract.GetProperty(module.Name);
            Assert.Equal(Describe(module.Inputs), Describe(script.GetProperty("inputs")));
            Assert.Equal(Describe(module.Outputs), Describe(script.GetProperty("outputs")));
        }
    }

    [Fact]
    public async Task Bad_arguments_fail_with_exit_code_2_and_say_what_is_wrong_before_needing_torch()
    {
        (int code, _, string error) = await RunScriptAsync("--model", "huge", "--checkpoint", "/nonexistent/sam2.1_hiera_huge.pt", "--out", "/nonexistent/out");
        Assert.Equal(2, code);
        Assert.Contains("unknown model 'huge': choose one of tiny, small, base_plus, large", error, StringComparison.Ordinal);
        Assert.Contains("checkpoint not found: /nonexistent/sam2.1_hiera_huge.pt", error, StringComparison.Ordinal);

        (code, _, error) = await RunScriptAsync("--model", "large", "--version", "2.1", "--checkpoint", "/nonexistent/x.pt", "--out", "/nonexistent/out");
        Assert.Equal(2, code);
        Assert.Contains("the official file for this model is named sam2.1_hiera_large.pt", error, StringComparison.Ordinal);
    }

    private static List<string> Describe(IReadOnlyList<TensorContract> tensors) =>
        [.. tensors.Select(t => $"{t.Name} {DtypeName(t.ElementType)} [{string.Join(", ", t.Dims.Select(d => d.IsFixed ? d.Size.ToString(CultureInfo.InvariantCulture) : d.Name))}]")];

    private static List<string> Describe(JsonElement tensors) =>
        [.. tensors.EnumerateArray().Select(t =>
            $"{t.GetProperty("name").GetString()} {t.GetProperty("dtype").GetString()} [{string.Join(", ", t.GetProperty("shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number ? d.GetInt64().ToString(CultureInfo.InvariantCulture) : d.GetString()))}]")];

    private static string DtypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => "float32",
        TensorElementType.Int64 => "int64",
        _ => type.ToString(),
    };

    private static async Task<(int Code, string Output, string Error)> RunScriptAsync(params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(ScriptPath());
        foreach (string argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started (the export script test needs python3 on PATH).");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Task<string> output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        Task<string> error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("export_sam2.py did not finish within 60 s.");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string ScriptPath()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "scripts", "export_sam2.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scripts/export_sam2.py not found above " + AppContext.BaseDirectory);
    }
}
