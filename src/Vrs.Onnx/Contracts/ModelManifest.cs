using System.Collections.ObjectModel;
using System.Text.Json;

namespace Vrs.Onnx.Contracts;

/// <summary>
/// A bundle's <c>vrs-model.json</c>:
/// <c>{"kind": "sam2", "contract_version": 1, "standin": false, "modules": {"image_encoder": "image_encoder.onnx"}, "constants": {"image_size": 1024}}</c>.
/// </summary>
public sealed record ModelManifest(
    string Directory,
    string Kind,
    int ContractVersion,
    bool Standin,
    IReadOnlyDictionary<string, string> Modules,
    IReadOnlyDictionary<string, JsonElement> Constants)
{
    public const string FileName = "vrs-model.json";

    /// <summary>The absolute path of module <paramref name="name"/>'s ONNX file.</summary>
    public string ModulePath(string name) => Path.Combine(Directory, Modules[name]);

    public double GetDouble(string name) => Constant(name, JsonValueKind.Number).GetDouble();

    public long GetInt64(string name) => Constant(name, JsonValueKind.Number).GetInt64();

    public string GetString(string name) => Constant(name, JsonValueKind.String).GetString()!;

    public double[] GetDoubleArray(string name) =>
        [.. Constant(name, JsonValueKind.Array).EnumerateArray().Select(e => e.GetDouble())];

    private JsonElement Constant(string name, JsonValueKind kind)
    {
        if (!Constants.TryGetValue(name, out JsonElement value))
        {
            throw new ModelManifestException($"{Path.Combine(Directory, FileName)}: constant `{name}` is missing.");
        }

        return value.ValueKind == kind ? value
            : throw new ModelManifestException($"{Path.Combine(Directory, FileName)}: constant `{name}` is {value.ValueKind.ToString().ToLowerInvariant()}, expected {kind.ToString().ToLowerInvariant()}.");
    }

    /// <summary>Reads and validates <c>DIR/vrs-model.json</c>.</summary>
    /// <exception cref="ModelManifestException">Missing, not JSON, or a field is absent or of the wrong type; the message names the file and the field.</exception>
    public static ModelManifest Load(string directory)
    {
        string folder = Path.GetFullPath(directory);
        string file = Path.Combine(folder, FileName);
        if (!System.IO.Directory.Exists(folder))
        {
            throw new ModelManifestException($"{folder}: no such folder.");
        }

        if (!File.Exists(file))
        {
            throw new ModelManifestException($"{file}: not found (a model bundle is a folder with a {FileName} manifest).");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new ModelManifestException($"{file}: not valid JSON ({exception.Message})", exception);
        }

        using (document)
        {
            return Parse(folder, file, document.RootElement);
        }
    }

    private static ModelManifest Parse(string folder, string file, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ModelManifestException($"{file}: the manifest must be a JSON object.");
        }

        string kind = Required(root, file, "kind", JsonValueKind.String).GetString()!;
        if (kind.Length == 0)
        {
            throw new ModelManifestException($"{file}: `kind` is empty.");
        }

        JsonElement versionElement = Required(root, file, "contract_version", JsonValueKind.Number);
        if (!versionElement.TryGetInt32(out int version) || version < 1)
        {
            throw new ModelManifestException($"{file}: `contract_version` must be a whole number >= 1, not {versionElement.GetRawText()}.");
        }

        bool standin = false;
        if (root.TryGetProperty("standin", out JsonElement standinElement))
        {
            standin = standinElement.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new ModelManifestException($"{file}: `standin` must be true or false."),
            };
        }

        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty module in Required(root, file, "modules", JsonValueKind.Object).EnumerateObject())
        {
            if (module.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(module.Value.GetString()))
            {
                throw new ModelManifestException($"{file}: `modules.{module.Name}` must be a file name inside the bundle.");
            }

            string relative = module.Value.GetString()!;
            string full = Path.GetFullPath(Path.Combine(folder, relative));
            if (Path.IsPathRooted(relative) || !full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new ModelManifestException($"{file}: `modules.{module.Name}` ({relative}) points outside the bundle folder.");
            }

            modules[module.Name] = relative;
        }

        if (modules.Count == 0)
        {
            throw new ModelManifestException($"{file}: `modules` is empty.");
        }

        var constants = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("constants", out JsonElement constantsElement))
        {
            if (constantsElement.ValueKind != JsonValueKind.Object)
            {
                throw new ModelManifestException($"{file}: `constants` must be an object.");
            }

            foreach (JsonProperty constant in constantsElement.EnumerateObject())
            {
                constants[constant.Name] = constant.Value.Clone();
            }
        }

        return new ModelManifest(folder, kind, version, standin, new ReadOnlyDictionary<string, string>(modules), new ReadOnlyDictionary<string, JsonElement>(constants));
    }

    private static JsonElement Required(JsonElement root, string file, string name, JsonValueKind kind)
    {
        if (!root.TryGetProperty(name, out JsonElement value))
        {
            throw new ModelManifestException($"{file}: `{name}` is missing.");
        }

        return value.ValueKind == kind ? value
            : throw new ModelManifestException($"{file}: `{name}` must be a {kind.ToString().ToLowerInvariant()}, not {value.ValueKind.ToString().ToLowerInvariant()}.");
    }
}

/// <summary>A bundle manifest is missing or malformed; the message names the file and the field.</summary>
public sealed class ModelManifestException : Exception
{
    public ModelManifestException()
    {
    }

    public ModelManifestException(string message)
        : base(message)
    {
    }

    public ModelManifestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
