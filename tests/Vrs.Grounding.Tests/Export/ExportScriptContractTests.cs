using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vrs.Grounding.Runtime;
using Vrs.Onnx;
using Vrs.Onnx.Contracts;

namespace Vrs.Grounding.Tests.Export;

/// <summary>
/// <c>scripts/export_qwen_vl.py</c> names its modules, tensors and manifest constants from one table; its
/// <c>--print-manifest-template</c> mode (no torch, no weights) prints that table. These tests pin it to
/// <see cref="LvlmContract"/>, so the script and the host cannot drift apart unnoticed. Needs <c>python3</c> on PATH.
/// </summary>
public sealed class ExportScriptContractTests
{
    private static readonly Lazy<JsonDocument> s_template = new(RunTemplate);

    private static JsonElement Template => s_template.Value.RootElement;

    [Fact]
    public void Kind_and_version_are_the_contracts()
    {
        Assert.Equal(LvlmContract.Kind, Template.GetProperty("kind").GetString());
        Assert.Equal(LvlmContract.Version, Template.GetProperty("contract_version").GetInt32());
    }

    [Fact]
    public void Modules_are_the_contracts_in_order_each_in_its_own_onnx_file()
    {
        JsonElement[] modules = [.. Template.GetProperty("modules").EnumerateArray()];
        Assert.Equal(LvlmContract.Contract.Modules.Select(m => m.Name), modules.Select(m => m.GetProperty("name").GetString()));
        Assert.All(modules, m => Assert.Equal(m.GetProperty("name").GetString() + ".onnx", m.GetProperty("file").GetString()));
    }

    public static TheoryData<string> ModuleNames => [.. LvlmContract.Contract.Modules.Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(ModuleNames))]
    public void Inputs_and_outputs_have_the_contracts_names_types_and_shapes(string module)
    {
        ModuleContract want = LvlmContract.Contract.Modules.Single(m => m.Name == module);
        JsonElement have = Template.GetProperty("modules").EnumerateArray().Single(m => m.GetProperty("name").GetString() == module);
        Assert.Equal(Describe(want.Inputs), Describe(have.GetProperty("inputs")));
        Assert.Equal(Describe(want.Outputs), Describe(have.GetProperty("outputs")));
    }

    [Fact]
    public void Constants_are_the_required_ones_in_order()
    {
        Assert.Equal(LvlmContract.RequiredConstants, Template.GetProperty("constants").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public void Soft_prompt_is_an_optional_constant_not_a_required_one()
    {
        Assert.Contains("soft_prompt", Template.GetProperty("optional_constants").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain("soft_prompt", LvlmContract.RequiredConstants);
    }

    [Fact]
    public void The_example_manifest_from_the_scripts_writer_loads_as_the_hosts_settings()
    {
        JsonElement manifest = Template.GetProperty("manifest");
        string dir = Path.Combine(Path.GetTempPath(), "vrs-qwen-export-template-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, ModelManifest.FileName), manifest.GetRawText());
            ModelManifest loaded = ModelManifest.Load(dir);
            Assert.Equal(LvlmContract.Kind, loaded.Kind);
            Assert.False(loaded.Standin);
            Assert.Equal(LvlmContract.Contract.Modules.Select(m => (m.Name, m.Name + ".onnx")), loaded.Modules.Select(p => (p.Key, p.Value)));
            Assert.Equal(LvlmContract.RequiredConstants, manifest.GetProperty("constants").EnumerateObject().Select(p => p.Name).Take(LvlmContract.RequiredConstants.Count));

            LvlmSettings settings = LvlmSettings.FromManifest(loaded); // throws on a wrong JSON type (e.g. 2.0 for an int)
            Assert.Equal(LvlmSettings.Qwen25Vl, settings.Architecture);
            Assert.Equal("tokenizer.json", settings.TokenizerFile);
            Assert.Equal((3584, 28, 28, 4, 128, 152064), (settings.HiddenSize, settings.NumLayers, settings.NumHeads, settings.NumKvHeads, settings.HeadDim, settings.VocabSize));
            Assert.Equal(14, settings.RolloutLayers);
            Assert.Equal(2, settings.TokensPerSecond);
            Assert.Equal(LvlmContract.PatchDimension, settings.Vision.PatchDimension);
            Assert.Equal(new SoftPromptSpec("soft_prompt.f32", 8, SoftPromptInsertion.BeforeQuestion), settings.VideoSoftPrompt);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary><c>pixel_values float32 [Np, 1176]</c>, one line per tensor.</summary>
    private static string[] Describe(IEnumerable<TensorContract> tensors) =>
        [.. tensors.Select(t => $"{t.Name} {TypeName(t.ElementType)} [{string.Join(", ", t.Dims.Select(d => d.ToString()))}]")];

    private static string[] Describe(JsonElement tensors) =>
        [.. tensors.EnumerateArray().Select(t =>
            $"{t.GetProperty("name").GetString()} {t.GetProperty("dtype").GetString()} " +
            $"[{string.Join(", ", t.GetProperty("shape").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.Number ? d.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : d.GetString()))}]")];

    private static string TypeName(TensorElementType type) => type switch
    {
        TensorElementType.Float32 => "float32",
        TensorElementType.Int64 => "int64",
        _ => type.ToString(),
    };

    private static JsonDocument RunTemplate()
    {
        string script = FindScript();
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--print-manifest-template");
        using Process process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"python3 {script} --print-manifest-template did not finish in 60 s");
        }

        Assert.True(process.ExitCode == 0, $"python3 {script} --print-manifest-template exited {process.ExitCode}: {stderr.Result}");
        return JsonDocument.Parse(stdout.Result);
    }

    private static string FindScript()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "scripts", "export_qwen_vl.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"scripts/export_qwen_vl.py not found above {AppContext.BaseDirectory}");
    }
}
