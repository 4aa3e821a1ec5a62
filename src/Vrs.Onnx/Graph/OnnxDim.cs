namespace Vrs.Onnx.Graph;

/// <summary>
/// One dimension of a declared shape: a fixed size, a symbolic name ("N", "frames") or unknown.
/// Converts implicitly from integers (-1 means unknown) and strings, so shapes read as <c>["N", 3, -1]</c>.
/// </summary>
public readonly struct OnnxDim : IEquatable<OnnxDim>
{
    // Size + 1, so that default(OnnxDim) is an unknown dimension rather than a fixed 0.
    private readonly long _sizePlusOne;

    private OnnxDim(long value, string? name)
    {
        _sizePlusOne = value + 1;
        Name = name;
    }

    /// <summary>An unnamed dimension whose size is known only at run time.</summary>
    public static OnnxDim Unknown => new(-1, null);

    /// <summary>The fixed size, or null for a symbolic or unknown dimension.</summary>
    public long? Value => Name is null && _sizePlusOne > 0 ? _sizePlusOne - 1 : null;

    /// <summary>The symbolic name (<c>dim_param</c>), or null.</summary>
    public string? Name { get; }

    public bool IsFixed => Value.HasValue;

    public static OnnxDim Fixed(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return new OnnxDim(value, null);
    }

    public static OnnxDim Symbolic(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new OnnxDim(-1, name);
    }

    /// <summary>-1 is an unknown dimension; other negative sizes are errors.</summary>
    public static OnnxDim FromInt64(long value) => value == -1 ? Unknown : Fixed(value);

    public static OnnxDim FromString(string name) => Symbolic(name);

    public static implicit operator OnnxDim(long value) => FromInt64(value);

    public static implicit operator OnnxDim(string name) => FromString(name);

    public bool Equals(OnnxDim other) => _sizePlusOne == other._sizePlusOne && Name == other.Name;

    public override bool Equals(object? obj) => obj is OnnxDim other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_sizePlusOne, Name);

    public override string ToString() => Name ?? (Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?");

    public static bool operator ==(OnnxDim left, OnnxDim right) => left.Equals(right);

    public static bool operator !=(OnnxDim left, OnnxDim right) => !left.Equals(right);
}
