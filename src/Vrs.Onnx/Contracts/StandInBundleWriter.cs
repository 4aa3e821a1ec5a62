using System.Text.Json;

namespace Vrs.Onnx.Contracts;

/// <summary>
/// Writes a stand-in bundle's files: each under a temporary name then renamed, and the manifest last with
/// <c>"standin": true</c>, so a folder with a manifest always has all its modules.
/// </summary>
public sealed class StandInBundleWriter
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>Creates <paramref name="directory"/> if needed.</summary>
    public StandInBundleWriter(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Folder = Path.GetFullPath(directory);
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public void WriteFile(string name, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        string path = Path.Combine(Folder, name);
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Writes <c>vrs-model.json</c> and returns the bundle's folder.</summary>
    public string WriteManifest(BundleContract contract, string description, IReadOnlyDictionary<string, string> modules, object constants)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var manifest = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["kind"] = contract.Kind,
            ["contract_version"] = contract.Version,
            ["standin"] = true,
            ["description"] = description,
            ["modules"] = modules,
            ["constants"] = constants,
        };
        WriteFile(ModelManifest.FileName, JsonSerializer.SerializeToUtf8Bytes(manifest, s_json));
        return Folder;
    }
}
