using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Vrs.Onnx;
using Vrs.Onnx.Contracts;

namespace Vrs.Cli.Commands;

/// <summary>
/// <c>vrs doctor [--json]</c>: what this machine has — the ONNX Runtime library (path, version, providers),
/// ffmpeg, and the model bundles under <c>./models</c> and <c>$VRS_MODELS</c> with their contract checks.
/// Exit 0 when everything works, 1 when something is missing or a bundle fails its contract.
/// </summary>
internal static class DoctorCommand
{
    public const string ModelsEnvironmentVariable = "VRS_MODELS";

    public static Command Create()
    {
        var runtime = new RuntimeOptions();
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var models = new Option<DirectoryInfo[]>("--models")
        {
            Description = $"Also look for bundles here (besides ./models and ${ModelsEnvironmentVariable}).",
            HelpName = "DIR",
            AllowMultipleArgumentsPerToken = false,
        };
        var doctor = new Command("doctor", "Show the ONNX Runtime library, execution providers, ffmpeg and model bundles this machine has.") { json, models };
        runtime.AddTo(doctor);
        doctor.SetAction((parse, cancellationToken) => CliErrors.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            RuntimeChoice choice = runtime.Read(parse);
            IEnumerable<string> extra = (parse.GetValue(models) ?? []).Select(d => d.FullName);
            DoctorReport report = await InspectAsync(choice, ModelRoots(extra), cancellationToken);
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, CliJson.Options));
            }
            else
            {
                await WriteTextAsync(output, report);
            }

            return report.AllGood ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return doctor;
    }

    internal static IReadOnlyList<string> ModelRoots(IEnumerable<string> extra)
    {
        var roots = new List<string> { Path.GetFullPath("models") };
        string? fromEnvironment = Environment.GetEnvironmentVariable(ModelsEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            roots.AddRange(fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Path.GetFullPath));
        }

        roots.AddRange(extra);
        return [.. roots.Distinct(StringComparer.Ordinal)];
    }

    internal static async Task<DoctorReport> InspectAsync(RuntimeChoice choice, IReadOnlyList<string> modelRoots, CancellationToken cancellationToken)
    {
        RuntimeSection runtime = InspectRuntime(choice);
        FfmpegSection ffmpeg = await InspectFfmpegAsync(cancellationToken);
        var bundles = new List<BundleReport>();
        foreach (string bundle in FindBundles(modelRoots))
        {
            bundles.Add(runtime.Error is null
                ? BundleReport.From(BundleChecker.Check(bundle, settings: choice.Settings))
                : new BundleReport(bundle, null, null, null, false, ["not checked: ONNX Runtime is not loaded"]));
        }

        return new DoctorReport(runtime, ffmpeg, bundles, modelRoots);
    }

    private static RuntimeSection InspectRuntime(RuntimeChoice choice)
    {
        try
        {
            OnnxRuntimeInfo info = choice.Load();
            string? cuda = info.HasCuda ? OnnxRuntime.CudaUnavailableReason(choice.Device.Kind == DeviceKind.Cuda ? choice.Device.DeviceId : 0) : "not compiled into this library";
            return new RuntimeSection(info.LibraryPath, info.FoundBy, info.Version, info.AvailableProviders, cuda is null, cuda, null, OnnxRuntime.LibrarySearchOrder(choice.LibraryPath));
        }
        catch (OnnxRuntimeNotFoundException exception)
        {
            return new RuntimeSection(null, null, null, [], false, null, exception.Message, OnnxRuntime.LibrarySearchOrder(choice.LibraryPath));
        }
    }

    private static async Task<FfmpegSection> InspectFfmpegAsync(CancellationToken cancellationToken)
    {
        string? path = FindOnPath("ffmpeg");
        if (path is null)
        {
            return new FfmpegSection(null, null, "ffmpeg is not on PATH (scripts/vrs installs it with apt-get; or install ffmpeg yourself).");
        }

        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-version");
        try
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start");
            Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            string stdout = await process.StandardOutput.ReadToEndAsync(cancellationToken);
            await stderr;
            await process.WaitForExitAsync(cancellationToken);
            string firstLine = stdout.Split('\n', 2)[0].Trim();
            // "ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers"
            string[] words = firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return process.ExitCode == 0 && words.Length >= 3 && words[1] == "version"
                ? new FfmpegSection(path, words[2], null)
                : new FfmpegSection(path, null, $"`ffmpeg -version` exited with {process.ExitCode}: {firstLine}");
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return new FfmpegSection(path, null, $"ffmpeg could not be run: {exception.Message}");
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Folders holding a vrs-model.json: each root itself, or up to two levels below it.</summary>
    internal static IEnumerable<string> FindBundles(IReadOnlyList<string> roots)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string root in roots.Where(Directory.Exists))
        {
            var options = new EnumerationOptions { MaxRecursionDepth = 2, RecurseSubdirectories = true, IgnoreInaccessible = true };
            foreach (string manifest in Directory.EnumerateFiles(root, ModelManifest.FileName, options))
            {
                found.Add(Path.GetDirectoryName(manifest)!);
            }
        }

        return found;
    }

    private static async Task WriteTextAsync(TextWriter output, DoctorReport report)
    {
        RuntimeSection ort = report.Onnxruntime;
        if (ort.Error is null)
        {
            await output.WriteLineAsync($"onnxruntime  {ort.Version}  {ort.Library}  (found by {ort.FoundBy})");
            await output.WriteLineAsync($"providers    {string.Join(", ", ort.Providers)}");
            await output.WriteLineAsync($"cuda         {(ort.CudaUsable ? "usable" : "not usable: " + ort.CudaProblem)}");
        }
        else
        {
            await output.WriteLineAsync($"onnxruntime  MISSING: {ort.Error}");
            foreach (string place in ort.SearchOrder)
            {
                await output.WriteLineAsync($"             looked in {place}");
            }
        }

        await output.WriteLineAsync(report.Ffmpeg.Error is null
            ? $"ffmpeg       {report.Ffmpeg.Version}  {report.Ffmpeg.Path}"
            : $"ffmpeg       MISSING: {report.Ffmpeg.Error}");
        if (report.Models.Count == 0)
        {
            await output.WriteLineAsync($"models       none found (looked in {string.Join(", ", report.ModelRoots)})");
        }

        foreach (BundleReport bundle in report.Models)
        {
            string what = bundle.Kind is null ? string.Empty : $" ({bundle.Kind} v{bundle.ContractVersion}{(bundle.Standin == true ? ", stand-in" : string.Empty)})";
            await output.WriteLineAsync($"model        {(bundle.Ok ? "ok  " : "FAIL")} {bundle.Path}{what}");
            foreach (string problem in bundle.Problems)
            {
                await output.WriteLineAsync($"               - {problem}");
            }
        }
    }
}

/// <summary>The doctor's findings; serialised as <c>{"onnxruntime": {...}, "ffmpeg": {...}, "models": [...]}</c>.</summary>
internal sealed record DoctorReport(RuntimeSection Onnxruntime, FfmpegSection Ffmpeg, IReadOnlyList<BundleReport> Models, IReadOnlyList<string> ModelRoots)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool AllGood => Onnxruntime.Error is null && Ffmpeg.Error is null && Models.All(m => m.Ok);
}

internal sealed record RuntimeSection(string? Library, string? FoundBy, string? Version, IReadOnlyList<string> Providers, bool CudaUsable, string? CudaProblem, string? Error, IReadOnlyList<string> SearchOrder);

internal sealed record FfmpegSection(string? Path, string? Version, string? Error);
