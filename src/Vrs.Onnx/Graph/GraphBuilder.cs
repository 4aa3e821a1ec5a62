namespace Vrs.Onnx.Graph;

/// <summary>
/// Builds an ONNX graph node by node and writes it as a model file (<see cref="Build"/>). Values are created
/// only by the builder, so nodes are always in topological order. Op helpers (Add, Conv, Resize, ...) follow
/// the semantics of the builder's <see cref="Opset"/>, between <see cref="MinOpset"/> and <see cref="MaxOpset"/>.
/// </summary>
public sealed partial class GraphBuilder
{
    /// <summary>Opset 17 with IR 8: what onnx 1.12 checks and every ONNX Runtime since 1.13 runs.</summary>
    public const int DefaultOpset = 17;

    /// <summary>The helpers assume opset 13+ semantics (axes as inputs for Squeeze/Unsqueeze/ReduceSum, Clip bounds as inputs).</summary>
    public const int MinOpset = 13;

    /// <summary>The newest opset ONNX Runtime 1.30 implements.</summary>
    public const int MaxOpset = 23;

    public const string MicrosoftDomain = "com.microsoft";

    private readonly NameScope _names;
    private readonly List<ValueDeclaration> _inputs = [];
    private readonly List<(string Name, TensorData Data)> _initializers = [];
    private readonly List<NodeRecord> _nodes = [];
    private readonly List<ValueDeclaration> _outputs = [];
    private readonly List<ValueDeclaration> _valueInfos = [];
    private readonly Dictionary<string, long> _domainOpsets = new(StringComparer.Ordinal);

    public GraphBuilder(string name, int opset = DefaultOpset)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (opset < MinOpset || opset > MaxOpset)
        {
            throw new ArgumentOutOfRangeException(nameof(opset), opset, $"the graph writer supports opsets {MinOpset} to {MaxOpset}");
        }

        Name = name;
        Opset = opset;
        _names = new NameScope();
    }

    private GraphBuilder(string name, GraphBuilder parent)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Opset = parent.Opset;
        Parent = parent;
        _names = parent._names;
    }

    public string Name { get; }

    /// <summary>The default-domain opset the model imports; op helpers emit nodes valid for it.</summary>
    public int Opset { get; }

    public string? DocString { get; set; }

    /// <summary>The graph this one is a subgraph of (an If branch, a Loop body), or null for the main graph.</summary>
    public GraphBuilder? Parent { get; }

    internal IReadOnlyList<ValueDeclaration> Inputs => _inputs;

    internal IReadOnlyList<(string Name, TensorData Data)> Initializers => _initializers;

    internal IReadOnlyList<NodeRecord> Nodes => _nodes;

    internal IReadOnlyList<ValueDeclaration> Outputs => _outputs;

    internal IReadOnlyList<ValueDeclaration> ValueInfos => _valueInfos;

    internal IReadOnlyDictionary<string, long> DomainOpsets => _domainOpsets;

    /// <summary>The IR version that goes with an opset (onnx's release table: opset 15–18 → IR 8, 19–20 → 9, 21–22 → 10, 23 → 11).</summary>
    public static long IrVersionFor(int opset) => opset switch
    {
        < 7 => throw new ArgumentOutOfRangeException(nameof(opset), opset, "opsets before 7 are not supported"),
        <= 8 => 3,
        9 => 4,
        10 => 5,
        11 => 6,
        <= 14 => 7,
        <= 18 => 8,
        <= 20 => 9,
        <= 22 => 10,
        23 => 11,
        _ => throw new ArgumentOutOfRangeException(nameof(opset), opset, $"opsets after {MaxOpset} are newer than ONNX Runtime 1.30"),
    };

    /// <summary>A graph input. <paramref name="shape"/> null leaves the rank unknown; [] is a scalar.</summary>
    public GraphValue Input(string name, TensorElementType elementType, IReadOnlyList<OnnxDim>? shape, string? docString = null)
    {
        var value = new GraphValue(this, _names.Claim(name), isAutoNamed: false);
        _inputs.Add(new ValueDeclaration(value.Name, elementType, Copy(shape), docString));
        return value;
    }

    /// <summary>A constant weight stored in the graph (<c>initializer</c>), not listed as a graph input.</summary>
    public GraphValue Initializer(string name, TensorData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var value = new GraphValue(this, _names.Claim(name), isAutoNamed: false);
        _initializers.Add((value.Name, data));
        return value;
    }

    public GraphValue Initializer(string name, ReadOnlySpan<float> values, ReadOnlySpan<long> dims) =>
        Initializer(name, TensorData.FromFloat32(values, dims));

    public GraphValue Initializer(string name, ReadOnlySpan<Half> values, ReadOnlySpan<long> dims) =>
        Initializer(name, TensorData.FromFloat16(values, dims));

    public GraphValue Initializer(string name, ReadOnlySpan<long> values, ReadOnlySpan<long> dims) =>
        Initializer(name, TensorData.FromInt64(values, dims));

    public GraphValue Initializer(string name, ReadOnlySpan<int> values, ReadOnlySpan<long> dims) =>
        Initializer(name, TensorData.FromInt32(values, dims));

    public GraphValue Initializer(string name, ReadOnlySpan<byte> values, ReadOnlySpan<long> dims) =>
        Initializer(name, TensorData.FromUInt8(values, dims));

    public GraphValue Initializer(string name, ReadOnlySpan<bool> values, ReadOnlySpan<long> dims) =>
        Initializer(name, TensorData.FromBool(values, dims));

    /// <summary>A <c>Constant</c> node producing <paramref name="data"/>.</summary>
    public GraphValue Constant(TensorData data, string? name = null) =>
        Node("Constant", [], [NodeAttribute.OfTensor("value", data)], name: name);

    /// <summary>A float32 scalar constant.</summary>
    public GraphValue Constant(float value) => Constant(TensorData.Scalar(value));

    /// <summary>An int64 scalar constant.</summary>
    public GraphValue Constant(long value) => Constant(TensorData.Scalar(value));

    public GraphValue Constant(bool value) => Constant(TensorData.Scalar(value));

    /// <summary>A 1-D float32 constant.</summary>
    public GraphValue Constant(ReadOnlySpan<float> values) => Constant(TensorData.FromFloat32(values, [values.Length]));

    /// <summary>A 1-D int64 constant, the form shapes, axes, starts and ends take.</summary>
    public GraphValue Constant(ReadOnlySpan<long> values) => Constant(TensorData.FromInt64(values, [values.Length]));

    /// <summary>A node with one output.</summary>
    public GraphValue Node(
        string opType,
        IReadOnlyList<GraphValue> inputs,
        IReadOnlyList<NodeAttribute>? attributes = null,
        string? domain = null,
        string? name = null,
        string? docString = null) =>
        Node(opType, inputs, 1, attributes, domain, name, docString)[0];

    /// <summary>A node with <paramref name="outputCount"/> outputs, in the op's output order.</summary>
    public GraphValue[] Node(
        string opType,
        IReadOnlyList<GraphValue> inputs,
        int outputCount,
        IReadOnlyList<NodeAttribute>? attributes = null,
        string? domain = null,
        string? name = null,
        string? docString = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfNegative(outputCount);
        foreach (GraphValue input in inputs)
        {
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
            if (!input.IsNone && !IsVisible(input))
            {
                throw new ArgumentException(
                    $"{opType}: input '{input.Name}' belongs to graph '{input.Owner!.Name}', which is neither '{Name}' nor one of its enclosing graphs",
                    nameof(inputs));
            }
        }

        NodeAttribute[] attributeArray = attributes?.ToArray() ?? [];
        CheckAttributes(opType, attributeArray);
        string nodeName = name is null ? _names.FreshNodeName(opType) : _names.ClaimNodeName(name);
        var outputs = new GraphValue[outputCount];
        for (int i = 0; i < outputCount; i++)
        {
            string outputName = _names.Fresh(outputCount == 1 ? nodeName : $"{nodeName}_{i}");
            outputs[i] = new GraphValue(this, outputName, isAutoNamed: true);
        }

        _nodes.Add(new NodeRecord(opType, domain ?? "", nodeName, inputs.ToArray(), outputs, attributeArray, docString));
        return outputs;
    }

    /// <summary>
    /// Declares <paramref name="value"/> as a graph output named <paramref name="name"/>. A node output the builder
    /// named is renamed in place; anything else (an input, an initializer, an outer value, an already named output)
    /// goes through an <c>Identity</c> node.
    /// </summary>
    public GraphValue Output(GraphValue value, string name, TensorElementType elementType, IReadOnlyList<OnnxDim>? shape, string? docString = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (value.IsNone || !IsVisible(value))
        {
            throw new ArgumentException($"output '{name}': value '{value}' is not part of graph '{Name}'", nameof(value));
        }

        if (_outputs.Any(o => o.Name == name))
        {
            throw new ArgumentException($"graph '{Name}' already has an output named '{name}'", nameof(name));
        }

        GraphValue output = value;
        if (value.Name != name)
        {
            if (value.Owner == this && value.IsAutoNamed)
            {
                _names.Rename(value.Name, name);
                value.Name = name;
            }
            else
            {
                output = Node("Identity", [value]);
                _names.Rename(output.Name, name);
                output.Name = name;
            }
        }
        else if (value.Owner != this)
        {
            throw new ArgumentException($"output '{name}': names are unique in a model, and '{name}' is already used by an enclosing graph", nameof(name));
        }

        output.IsAutoNamed = false;
        _outputs.Add(new ValueDeclaration(output.Name, elementType, Copy(shape), docString));
        return output;
    }

    /// <summary>Declares <paramref name="value"/> as a graph output under its current name.</summary>
    public GraphValue Output(GraphValue value, TensorElementType elementType, IReadOnlyList<OnnxDim>? shape, string? docString = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Output(value, value.Name, elementType, shape, docString);
    }

    /// <summary>Records the type and shape of an intermediate value (<c>value_info</c>); optional, for readers and checkers.</summary>
    public void ValueInfo(GraphValue value, TensorElementType elementType, IReadOnlyList<OnnxDim>? shape, string? docString = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Owner != this)
        {
            throw new ArgumentException($"value_info: '{value}' is not a value of graph '{Name}'", nameof(value));
        }

        value.IsAutoNamed = false;
        _valueInfos.Add(new ValueDeclaration(value.Name, elementType, Copy(shape), docString));
    }

    /// <summary>A graph nested in this one, for If branches and Loop bodies. It shares the model's names and may read this graph's values.</summary>
    public GraphBuilder Subgraph(string name) => new(name, this);

    /// <summary>Imports an operator-set domain other than the default one, e.g. <c>com.microsoft</c> for ONNX Runtime's contrib ops.</summary>
    public void ImportDomain(string domain, long version)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        if (Parent is not null)
        {
            throw new InvalidOperationException($"import domains on the main graph; '{Name}' is a subgraph");
        }

        _domainOpsets[domain] = version;
    }

    /// <summary>
    /// Writes the model: ModelProto bytes with this graph, the default-domain opset, the domains its nodes use
    /// (<c>com.microsoft</c> is imported at version 1 unless set), <paramref name="metadata"/> as
    /// <c>metadata_props</c> in ordinal key order, and the IR version <see cref="IrVersionFor"/> gives.
    /// </summary>
    public byte[] Build(
        string producer = "vrs",
        string? producerVersion = null,
        IReadOnlyDictionary<string, string>? metadata = null,
        string? docString = null,
        long modelVersion = 0)
    {
        if (Parent is not null)
        {
            throw new InvalidOperationException($"'{Name}' is a subgraph; build the main graph that contains it");
        }

        if (_outputs.Count == 0)
        {
            throw new InvalidOperationException($"graph '{Name}' has no outputs; declare them with Output(...)");
        }

        var model = new ModelDescription(
            IrVersionFor(Opset),
            producer,
            producerVersion,
            modelVersion,
            docString,
            CollectOpsets(),
            metadata is null ? [] : metadata.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray());
        return OnnxModelWriter.WriteModel(model, this);
    }

    private List<KeyValuePair<string, long>> CollectOpsets()
    {
        var opsets = new List<KeyValuePair<string, long>> { new("", Opset) };
        var used = new SortedSet<string>(StringComparer.Ordinal);
        CollectDomains(this, used);
        foreach (string domain in used)
        {
            if (_domainOpsets.TryGetValue(domain, out long version))
            {
                continue;
            }

            if (domain != MicrosoftDomain)
            {
                throw new InvalidOperationException($"nodes use domain '{domain}'; import it with ImportDomain(\"{domain}\", version)");
            }

            opsets.Add(new(domain, 1));
        }

        opsets.AddRange(_domainOpsets.OrderBy(p => p.Key, StringComparer.Ordinal));
        return opsets;
    }

    private static void CollectDomains(GraphBuilder graph, SortedSet<string> domains)
    {
        foreach (NodeRecord node in graph._nodes)
        {
            if (node.Domain.Length > 0 && node.Domain != "ai.onnx")
            {
                domains.Add(node.Domain);
            }

            foreach (NodeAttribute attribute in node.Attributes)
            {
                if (attribute.GraphValue is { } subgraph)
                {
                    CollectDomains(subgraph, domains);
                }
            }
        }
    }

    private bool IsVisible(GraphValue value)
    {
        for (GraphBuilder? g = this; g is not null; g = g.Parent)
        {
            if (value.Owner == g)
            {
                return true;
            }
        }

        return false;
    }

    private void CheckAttributes(string opType, NodeAttribute[] attributes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeAttribute attribute in attributes)
        {
            ArgumentNullException.ThrowIfNull(attribute, nameof(attributes));
            if (!seen.Add(attribute.Name))
            {
                throw new ArgumentException($"{opType}: attribute '{attribute.Name}' is given twice", nameof(attributes));
            }

            if (attribute.GraphValue is { } subgraph && subgraph.Parent != this)
            {
                throw new ArgumentException(
                    $"{opType}: attribute '{attribute.Name}' holds graph '{subgraph.Name}', which was not created with Subgraph() on '{Name}'",
                    nameof(attributes));
            }
        }
    }

    private static OnnxDim[]? Copy(IReadOnlyList<OnnxDim>? shape) => shape?.ToArray();
}

/// <summary>A node as it will be written.</summary>
internal sealed record NodeRecord(
    string OpType,
    string Domain,
    string Name,
    GraphValue[] Inputs,
    GraphValue[] Outputs,
    NodeAttribute[] Attributes,
    string? DocString);

/// <summary>A typed value declaration (graph input, output or value_info).</summary>
internal sealed record ValueDeclaration(string Name, TensorElementType ElementType, OnnxDim[]? Shape, string? DocString);

/// <summary>Model-level fields around the main graph.</summary>
internal sealed record ModelDescription(
    long IrVersion,
    string Producer,
    string? ProducerVersion,
    long ModelVersion,
    string? DocString,
    IReadOnlyList<KeyValuePair<string, long>> Opsets,
    IReadOnlyList<KeyValuePair<string, string>> Metadata);
