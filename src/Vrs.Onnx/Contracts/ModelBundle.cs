namespace Vrs.Onnx.Contracts;

/// <summary>
/// An opened bundle: its manifest and one session per module, all checked against the kind's contract.
/// Disposing it disposes every session.
/// </summary>
public sealed class ModelBundle : IDisposable
{
    private readonly Dictionary<string, InferenceSession> _sessions;

    private ModelBundle(ModelManifest manifest, BundleContract contract, Dictionary<string, InferenceSession> sessions)
    {
        Manifest = manifest;
        Contract = contract;
        _sessions = sessions;
    }

    public ModelManifest Manifest { get; }

    public BundleContract Contract { get; }

    /// <summary>The session of module <paramref name="module"/> (a name from the contract).</summary>
    public InferenceSession this[string module] => _sessions.TryGetValue(module, out InferenceSession? session) ? session
        : throw new KeyNotFoundException($"bundle {Manifest.Directory} has no module `{module}`.");

    /// <summary>Opens and checks a bundle; if <paramref name="expectedKind"/> is given the manifest must name it.</summary>
    /// <exception cref="ModelContractException">The bundle does not match; the message lists every problem.</exception>
    public static ModelBundle Open(string directory, string? expectedKind = null, ContractRegistry? registry = null, SessionSettings? settings = null)
    {
        BundleCheckResult result = BundleChecker.CheckCore(directory, registry ?? ContractRegistry.Default, settings, out Dictionary<string, InferenceSession> sessions);
        string? kindProblem = expectedKind is not null && result.Manifest is not null && result.Manifest.Kind != expectedKind
            ? $"{result.Directory}: bundle kind is `{result.Manifest.Kind}`, this command needs `{expectedKind}`."
            : null;
        if (!result.IsValid || kindProblem is not null)
        {
            foreach (InferenceSession session in sessions.Values)
            {
                session.Dispose();
            }

            throw new ModelContractException(kindProblem ?? result.Message);
        }

        return new ModelBundle(result.Manifest!, result.Contract!, sessions);
    }

    public void Dispose()
    {
        foreach (InferenceSession session in _sessions.Values)
        {
            session.Dispose();
        }
    }
}
