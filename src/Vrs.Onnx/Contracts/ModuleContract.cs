using System.Globalization;

namespace Vrs.Onnx.Contracts;

/// <summary>
/// One dimension a contract wants: a fixed size; free (-1, must be a dynamic axis) with an optional name (<c>N</c>,
/// <c>H</c>); or model-sized (<see cref="IsModelSized"/>): whatever the checkpoint has, fixed or dynamic, and when fixed
/// equal to the manifest constant <see cref="Constant"/> (hidden size, vocabulary, layers…).
/// </summary>
public readonly record struct ContractDim(long Size, string? Name, string? Constant = null, bool IsModelSized = false)
{
    public bool IsFixed => Size >= 0;

    public static implicit operator ContractDim(long size) => new(size, null);

    public static implicit operator ContractDim(string name) => new(-1, name);

    public static ContractDim Free(string? name = null) => new(-1, name);

    /// <summary>A size the checkpoint decides: fixed or dynamic both fine; a fixed size must equal constant <paramref name="constant"/> when given.</summary>
    public static ContractDim Sized(string name, string? constant = null) => new(-1, name, constant, IsModelSized: true);

    public override string ToString() => IsFixed ? Size.ToString(CultureInfo.InvariantCulture) : Name ?? "?";
}

/// <summary>What one input or output of a module must be: name, element type and shape (rank and fixed sizes).</summary>
public sealed record TensorContract(string Name, TensorElementType ElementType, IReadOnlyList<ContractDim> Dims)
{
    public int Rank => Dims.Count;

    /// <summary><c>[1, N, 2]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Dims) + "]";
}

/// <summary>
/// What one ONNX module of a bundle must expose. <see cref="Name"/> is its key in the manifest's <c>modules</c>.
/// Every model input must be in the contract (vrs feeds only those); outputs beyond the contract are allowed.
/// </summary>
public sealed record ModuleContract(string Name, IReadOnlyList<TensorContract> Inputs, IReadOnlyList<TensorContract> Outputs);

/// <summary>The contract of a bundle kind (<c>sam2</c>, <c>qwen2-vl</c>, …) at one contract version.</summary>
public sealed record BundleContract(string Kind, int Version, string Description, IReadOnlyList<ModuleContract> Modules, IReadOnlyList<string> RequiredConstants);
