namespace Vrs.Onnx.Graph;

/// <summary>
/// Names shared by a main graph and its subgraphs: value names must be unique across the whole model
/// (ONNX's single-assignment rule, which ONNX Runtime applies to subgraphs too); node names get the same care.
/// </summary>
internal sealed class NameScope
{
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nodes = new(StringComparer.Ordinal);
    private int _counter;

    /// <summary>Takes a caller-chosen value name, which must be new.</summary>
    public string Claim(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_values.Add(name))
        {
            throw new ArgumentException($"the model already has a value named '{name}'; value names must be unique", nameof(name));
        }

        return name;
    }

    /// <summary>A value name starting with <paramref name="stem"/> that no value has yet.</summary>
    public string Fresh(string stem)
    {
        string name = stem;
        while (!_values.Add(name))
        {
            name = $"{stem}_{_counter++}";
        }

        return name;
    }

    public string ClaimNodeName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_nodes.Add(name))
        {
            throw new ArgumentException($"the model already has a node named '{name}'", nameof(name));
        }

        return name;
    }

    /// <summary>"{opType}_{n}", unused by nodes and values, so a single output can take the node's name.</summary>
    public string FreshNodeName(string opType)
    {
        string name;
        do
        {
            name = $"{opType}_{_counter++}";
        }
        while (_nodes.Contains(name) || _values.Contains(name));

        _nodes.Add(name);
        return name;
    }

    public void Rename(string oldName, string newName)
    {
        Claim(newName);
        _values.Remove(oldName);
    }
}
