using Vrs.Onnx.Contracts;

namespace Vrs.Cli.Commands;

/// <summary>
/// The models folder of commands that need both bundles: <c>--models DIR</c>, else <c>$VRS_MODELS</c>, else the
/// repository's <c>models/</c> (found by walking up from the program to <c>VrsCli.sln</c>). It holds <c>lvlm/</c> and <c>sam2/</c>.
/// </summary>
internal static class ModelFolders
{
    public static string Resolve(DirectoryInfo? given)
    {
        if (given is not null)
        {
            return given.FullName;
        }

        if (Environment.GetEnvironmentVariable(DoctorCommand.ModelsEnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VrsCli.sln")))
            {
                return Path.Combine(dir.FullName, "models");
            }
        }

        return Path.GetFullPath("models");
    }

    /// <summary>DIR/KIND, or a usage error that says which bundle is missing and how to get it.</summary>
    public static string Bundle(string models, string kind, string howToGet)
    {
        string path = Path.Combine(models, kind);
        if (!File.Exists(Path.Combine(path, ModelManifest.FileName)))
        {
            throw new UsageException($"{path}: no {kind} bundle here ({ModelManifest.FileName} missing). {howToGet} (or `vrs models standin --out {models}` for the stand-ins, which are NOT the real models).");
        }

        return path;
    }
}
