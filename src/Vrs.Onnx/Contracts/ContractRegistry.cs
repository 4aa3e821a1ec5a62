namespace Vrs.Onnx.Contracts;

/// <summary>
/// The bundle kinds vrs knows and their contracts. <see cref="Default"/> holds the built-in kinds; the modules
/// that own a kind (SAM 2, the LVLM) add theirs to <see cref="KnownContracts"/>.
/// </summary>
public sealed class ContractRegistry
{
    private readonly Dictionary<string, BundleContract> _contracts = new(StringComparer.Ordinal);

    public static ContractRegistry Default { get; } = new ContractRegistry().RegisterAll(KnownContracts.All);

    public IReadOnlyCollection<string> Kinds => _contracts.Keys;

    public ContractRegistry Register(BundleContract contract)
    {
        if (!_contracts.TryAdd(contract.Kind, contract))
        {
            throw new ArgumentException($"bundle kind `{contract.Kind}` is registered twice.", nameof(contract));
        }

        return this;
    }

    public ContractRegistry RegisterAll(IEnumerable<BundleContract> contracts)
    {
        foreach (BundleContract contract in contracts)
        {
            Register(contract);
        }

        return this;
    }

    public bool TryGet(string kind, out BundleContract contract) => _contracts.TryGetValue(kind, out contract!);
}

/// <summary>The contracts built into vrs, one per bundle kind.</summary>
public static class KnownContracts
{
    /// <summary>
    /// <c>vrs-test</c>: a tiny two-module kind used by vrs's own tests and checks (not a real model):
    /// <c>probe</c> (image uint8 [1, H, W, 3], points float [1, N, 2] → score float [1, N], image_shape int64 [4])
    /// and <c>identity</c> (x float [N, M] → y float [N, M]).
    /// </summary>
    public static BundleContract TestKind { get; } = new(
        "vrs-test",
        1,
        "vrs's own test kind (not a real model)",
        [
            new ModuleContract(
                "probe",
                [
                    new TensorContract("image", TensorElementType.UInt8, [1, "H", "W", 3]),
                    new TensorContract("points", TensorElementType.Float32, [1, "N", 2]),
                ],
                [
                    new TensorContract("score", TensorElementType.Float32, [1, "N"]),
                    new TensorContract("image_shape", TensorElementType.Int64, [4]),
                ]),
            new ModuleContract(
                "identity",
                [new TensorContract("x", TensorElementType.Float32, ["N", "M"])],
                [new TensorContract("y", TensorElementType.Float32, ["N", "M"])]),
        ],
        ["image_size"]);

    /// <summary><c>sam2</c>: SAM 2 / 2.1 as four ONNX modules (<see cref="Sam2Contract"/>).</summary>
    public static BundleContract Sam2 => Sam2Contract.Contract;

    /// <summary><c>lvlm</c>: Qwen2-VL / Qwen2.5-VL as four ONNX modules (<see cref="LvlmContract"/>).</summary>
    public static BundleContract Lvlm => LvlmContract.Contract;

    public static IReadOnlyList<BundleContract> All { get; } = [TestKind, Sam2Contract.Contract, LvlmContract.Contract];
}
