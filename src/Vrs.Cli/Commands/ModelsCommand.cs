using System.CommandLine;
using System.Text.Json;
using Vrs.Onnx.Contracts;

namespace Vrs.Cli.Commands;

/// <summary><c>vrs models check DIR</c>: load every module of a bundle and compare it with its kind's contract.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var runtime = new RuntimeOptions();
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "A model bundle: a folder with a vrs-model.json manifest." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var check = new Command("check", "Check a model bundle against its contract; lists every mismatch (exit 2 when any).") { directory, json };
        runtime.AddTo(check);
        check.SetAction((parse, cancellationToken) => CliErrors.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            RuntimeChoice choice = runtime.Read(parse);
            choice.Load();
            BundleCheckResult result = BundleChecker.Check(parse.GetRequiredValue(directory).FullName, settings: choice.Settings);
            TextWriter output = parse.InvocationConfiguration.Output;
            if (result.DeviceNotice is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"note: {result.DeviceNotice}");
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(BundleReport.From(result), CliJson.Options));
            }
            else if (result.IsValid)
            {
                await output.WriteLineAsync(result.Message + (result.Manifest!.Standin ? " (stand-in bundle, not the real model)" : string.Empty));
            }

            if (!result.IsValid)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {result.Message}");
                return ExitCodes.BadInput;
            }

            return ExitCodes.Success;
        }));

        var standinOut = new Option<DirectoryInfo>("--out") { Description = "Folder to write the stand-in bundles into (DIR/sam2 and DIR/lvlm).", Required = true, HelpName = "DIR" };
        var standin = new Command("standin", "Write vrs's small stand-in bundles (analytic modules with the real contracts, NOT the real models) for tests and demos.") { standinOut };
        standin.SetAction((parse, cancellationToken) => CliErrors.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            string root = parse.GetRequiredValue(standinOut).FullName;
            string sam2 = Segmentation.Sam2StandIn.Write(Path.Combine(root, "sam2"));
            await parse.InvocationConfiguration.Output.WriteLineAsync($"wrote {sam2} (sam2 stand-in: colour-similarity segmentation, NOT SAM 2)");
            string lvlm = Grounding.StandIn.LvlmStandIn.Write(Path.Combine(root, "lvlm"));
            await parse.InvocationConfiguration.Output.WriteLineAsync($"wrote {lvlm} (lvlm stand-in: colour-word attention and scripted answers, NOT Qwen2-VL)");
            return ExitCodes.Success;
        }));

        var models = new Command("models", "Model bundles: check them against their contracts, write the stand-ins.") { check, standin };
        models.Add(ModelsTokenizeCommand.Build());
        return models;
    }
}

/// <summary>A bundle check as JSON: <c>{"path", "kind", "contract_version", "standin", "ok", "problems"}</c>.</summary>
internal sealed record BundleReport(string Path, string? Kind, int? ContractVersion, bool? Standin, bool Ok, IReadOnlyList<string> Problems)
{
    public static BundleReport From(BundleCheckResult result) =>
        new(result.Directory, result.Manifest?.Kind, result.Manifest?.ContractVersion, result.Manifest?.Standin, result.IsValid, result.Problems);
}

internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
