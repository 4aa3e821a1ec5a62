using System.Text.Json;
using System.Globalization;

namespace Vrs.Onnx.Contracts;

/// <summary>The outcome of checking a bundle: every problem found, each a sentence naming the file and what differs.</summary>
public sealed record BundleCheckResult(string Directory, ModelManifest? Manifest, BundleContract? Contract, IReadOnlyList<string> Problems)
{
    /// <summary>Set when <c>--device auto</c> fell back to CPU while loading this bundle (said once per process).</summary>
    public string? DeviceNotice { get; init; }

    public bool IsValid => Problems.Count == 0;

    /// <summary>One message with every problem, for the user: exactly what is wrong and where.</summary>
    public string Message
    {
        get
        {
            string what = Contract is null ? "model bundle" : $"model bundle ({Contract.Kind} contract v{Contract.Version})";
            if (IsValid)
            {
                return $"{Directory}: {what} matches its contract.";
            }

            if (Manifest is null && Problems.Count == 1)
            {
                return Problems[0]; // the manifest itself is unreadable: that one sentence says it all
            }

            string count = Problems.Count == 1 ? "1 problem" : $"{Problems.Count.ToString(CultureInfo.InvariantCulture)} problems";
            return $"{Directory}: {what} does not match, {count}:" + string.Concat(Problems.Select(p => Environment.NewLine + "  - " + p));
        }
    }
}

/// <summary>
/// Loads every session of a bundle and compares its inputs and outputs with the contract of the bundle's kind.
/// Reports all mismatches at once; never stops at the first.
/// </summary>
public static class BundleChecker
{
    public static BundleCheckResult Check(string directory, ContractRegistry? registry = null, SessionSettings? settings = null)
    {
        BundleCheckResult result = CheckCore(directory, registry ?? ContractRegistry.Default, settings, out Dictionary<string, InferenceSession> sessions);
        foreach (InferenceSession session in sessions.Values)
        {
            session.Dispose();
        }

        return result;
    }

    internal static BundleCheckResult CheckCore(string directory, ContractRegistry registry, SessionSettings? settings, out Dictionary<string, InferenceSession> sessions)
    {
        sessions = new Dictionary<string, InferenceSession>(StringComparer.Ordinal);
        string folder = Path.GetFullPath(directory);
        ModelManifest manifest;
        try
        {
            manifest = ModelManifest.Load(folder);
        }
        catch (ModelManifestException exception)
        {
            return new BundleCheckResult(folder, null, null, [exception.Message]);
        }

        string manifestName = $"{ManifestLabel(folder)}";
        if (!registry.TryGet(manifest.Kind, out BundleContract contract))
        {
            return new BundleCheckResult(folder, manifest, null,
                [$"{manifestName}: kind `{manifest.Kind}` is unknown (known kinds: {string.Join(", ", registry.Kinds.Order(StringComparer.Ordinal))})."]);
        }

        var problems = new List<string>();
        if (manifest.ContractVersion != contract.Version)
        {
            problems.Add($"{manifestName}: contract_version is {manifest.ContractVersion}, this vrs expects {contract.Version} for `{contract.Kind}` (re-export the bundle with the matching script).");
        }

        foreach (string constant in contract.RequiredConstants)
        {
            if (!manifest.Constants.ContainsKey(constant))
            {
                problems.Add($"{manifestName}: constant `{constant}` is missing from `constants`.");
            }
        }

        foreach (ModuleContract module in contract.Modules)
        {
            if (!manifest.Modules.TryGetValue(module.Name, out string? file))
            {
                problems.Add($"{manifestName}: module `{module.Name}` is missing from `modules`.");
                continue;
            }

            string label = $"model `{Path.GetFileName(folder)}/{file}`";
            string path = manifest.ModulePath(module.Name);
            if (!File.Exists(path))
            {
                problems.Add($"{label}: file not found ({path}).");
                continue;
            }

            InferenceSession session;
            try
            {
                session = InferenceSession.Open(path, settings);
            }
            catch (OnnxRuntimeException exception)
            {
                problems.Add($"{label}: ONNX Runtime cannot load it ({exception.ErrorCode}: {exception.NativeMessage.Trim()}).");
                continue;
            }

            sessions[module.Name] = session;
            problems.AddRange(CheckModule(module, session.Inputs, session.Outputs, label, manifest));
        }

        return new BundleCheckResult(folder, manifest, contract, problems)
        {
            DeviceNotice = sessions.Values.Select(s => s.Device.Notice).FirstOrDefault(n => n is not null),
        };
    }

    /// <summary>Compares one module's inputs and outputs with its contract; returns one sentence per mismatch.</summary>
    /// <param name="manifest">Supplies the constants that model-sized dims must equal (none checked when null).</param>
    public static IReadOnlyList<string> CheckModule(ModuleContract contract, IReadOnlyList<TensorInfo> inputs, IReadOnlyList<TensorInfo> outputs, string label, ModelManifest? manifest = null)
    {
        var problems = new List<string>();
        CheckSide("input", contract.Inputs, inputs, label, extrasAreProblems: true, manifest, problems);
        CheckSide("output", contract.Outputs, outputs, label, extrasAreProblems: false, manifest, problems);
        return problems;
    }

    private static void CheckSide(string side, IReadOnlyList<TensorContract> wanted, IReadOnlyList<TensorInfo> actual, string label, bool extrasAreProblems, ModelManifest? manifest, List<string> problems)
    {
        var byName = actual.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var wantedNames = wanted.Select(w => w.Name).ToHashSet(StringComparer.Ordinal);
        TensorInfo[] unclaimed = [.. actual.Where(a => !wantedNames.Contains(a.Name))];
        foreach (TensorContract want in wanted)
        {
            if (!byName.TryGetValue(want.Name, out TensorInfo? have))
            {
                string hint = unclaimed.Length == 1 ? $" — renamed to `{unclaimed[0].Name}`?" : string.Empty;
                string list = actual.Count == 0 ? "none" : string.Join(", ", actual.Select(a => $"`{a.Name}`"));
                problems.Add($"{label}: {side} `{want.Name}` is missing (the model's {side}s: {list}){hint}; contract wants {want.ElementType.OnnxName()} {want.ShapeText}.");
                continue;
            }

            if (!have.IsTensor)
            {
                problems.Add($"{label}: {side} `{want.Name}` is not a tensor; contract wants {want.ElementType.OnnxName()} {want.ShapeText}.");
                continue;
            }

            if (have.ElementType != want.ElementType)
            {
                problems.Add($"{label}: {side} `{want.Name}` has element type {have.ElementType.OnnxName()}, contract wants {want.ElementType.OnnxName()}.");
            }

            if (have.Rank != want.Rank)
            {
                problems.Add($"{label}: {side} `{want.Name}` has rank {have.Rank} ({have.ShapeText}), contract wants {want.Rank} ({want.ShapeText}).");
                continue;
            }

            for (int axis = 0; axis < want.Rank; axis++)
            {
                ContractDim dim = want.Dims[axis];
                long size = have.Dimensions[axis];
                if (dim.IsFixed && size >= 0 && size != dim.Size)
                {
                    problems.Add($"{label}: {side} `{want.Name}` has size {size} on axis {axis} ({have.ShapeText}), contract wants {dim.Size} ({want.ShapeText}).");
                }
                else if (dim.IsModelSized)
                {
                    if (size >= 0 && dim.Constant is { } constant && manifest is not null && manifest.Constants.TryGetValue(constant, out JsonElement value)
                        && value.TryGetInt64(out long expected) && expected != size)
                    {
                        problems.Add($"{label}: {side} `{want.Name}` has size {size} on axis {axis} ({have.ShapeText}), but the manifest's `{constant}` is {expected}.");
                    }
                }
                else if (!dim.IsFixed && size >= 0)
                {
                    problems.Add($"{label}: {side} `{want.Name}` is fixed at {size} on axis {axis} ({have.ShapeText}), contract wants it free ({want.ShapeText}); re-export with a dynamic axis.");
                }
            }
        }

        if (extrasAreProblems)
        {
            foreach (TensorInfo extra in unclaimed)
            {
                problems.Add($"{label}: {side} `{extra.Name}` ({extra.ElementType.OnnxName()} {extra.ShapeText}) is not in the contract, so vrs would never feed it.");
            }
        }
    }

    private static string ManifestLabel(string folder) => $"`{Path.GetFileName(folder)}/{ModelManifest.FileName}`";
}

/// <summary>A bundle failed its contract check; <see cref="Exception.Message"/> lists every problem.</summary>
public sealed class ModelContractException : Exception
{
    public ModelContractException()
    {
    }

    public ModelContractException(string message)
        : base(message)
    {
    }

    public ModelContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
