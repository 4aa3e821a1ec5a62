namespace Vrs.Onnx.Tests.Graph;

/// <summary>Typed views over decoded ONNX messages (field numbers from onnx.proto), so tests read like the model.</summary>
internal sealed record ModelView(
    long IrVersion,
    string ProducerName,
    string? ProducerVersion,
    string? DocString,
    long ModelVersion,
    IReadOnlyList<(string Domain, long Version)> Opsets,
    IReadOnlyList<(string Key, string Value)> Metadata,
    GraphView Graph,
    int[] FieldOrder)
{
    public static ModelView Parse(byte[] bytes)
    {
        var m = new ProtoMessage(bytes);
        return new ModelView(
            m.Int64(1),
            m.String(2),
            m.Has(3) ? m.String(3) : null,
            m.Has(6) ? m.String(6) : null,
            m.Has(5) ? m.Int64(5) : 0,
            m.Messages(8).Select(o => (o.String(1), o.Int64(2))).ToArray(),
            m.Messages(14).Select(e => (e.String(1), e.String(2))).ToArray(),
            GraphView.Parse(m.Message(7)),
            m.FieldNumbers.ToArray());
    }
}

internal sealed record GraphView(
    string Name,
    string? DocString,
    IReadOnlyList<NodeView> Nodes,
    IReadOnlyList<TensorView> Initializers,
    IReadOnlyList<ValueInfoView> Inputs,
    IReadOnlyList<ValueInfoView> Outputs,
    IReadOnlyList<ValueInfoView> ValueInfos)
{
    public static GraphView Parse(ProtoMessage g) => new(
        g.String(2),
        g.Has(10) ? g.String(10) : null,
        g.Messages(1).Select(NodeView.Parse).ToArray(),
        g.Messages(5).Select(TensorView.Parse).ToArray(),
        g.Messages(11).Select(ValueInfoView.Parse).ToArray(),
        g.Messages(12).Select(ValueInfoView.Parse).ToArray(),
        g.Messages(13).Select(ValueInfoView.Parse).ToArray());

    public NodeView Node(string opType) => Assert.Single(Nodes, n => n.OpType == opType);
}

internal sealed record NodeView(
    string OpType,
    string Name,
    string? Domain,
    string? DocString,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<AttributeView> Attributes)
{
    public static NodeView Parse(ProtoMessage n) => new(
        n.String(4),
        n.String(3),
        n.Has(7) ? n.String(7) : null,
        n.Has(6) ? n.String(6) : null,
        n.Strings(1).ToArray(),
        n.Strings(2).ToArray(),
        n.Messages(5).Select(AttributeView.Parse).ToArray());

    public AttributeView Attribute(string name) => Assert.Single(Attributes, a => a.Name == name);
}

internal sealed record AttributeView(string Name, int Type, ProtoMessage Raw)
{
    public static AttributeView Parse(ProtoMessage a) => new(a.String(1), (int)a.Int64(20), a);

    public long I => Raw.Int64(3);

    public float F => Raw.Float(2);

    public string S => Raw.String(4);

    public long[] Ints => Raw.Int64s(8);

    public float[] Floats => Raw.Floats(7);

    public string[] Strings => Raw.Strings(9).ToArray();

    public TensorView T => TensorView.Parse(Raw.Message(5));

    public GraphView G => GraphView.Parse(Raw.Message(6));
}

internal sealed record TensorView(string? Name, int DataType, long[] Dims, byte[] RawData)
{
    public static TensorView Parse(ProtoMessage t) => new(
        t.Has(8) ? t.String(8) : null,
        (int)t.Int64(2),
        t.Int64s(1),
        t.Bytes(9));
}

/// <summary>A value_info; <see cref="Shape"/> is null when no shape is given, dims are "N", "7" or "?".</summary>
internal sealed record ValueInfoView(string Name, int ElemType, string[]? Shape, string? DocString)
{
    public static ValueInfoView Parse(ProtoMessage v)
    {
        ProtoMessage tensorType = v.Message(2).Message(1);
        string[]? shape = null;
        if (tensorType.Has(2))
        {
            shape = tensorType.Message(2).Messages(1)
                .Select(d => d.Has(1) ? d.Int64(1).ToString(System.Globalization.CultureInfo.InvariantCulture) : d.Has(2) ? d.String(2) : "?")
                .ToArray();
        }

        return new ValueInfoView(v.String(1), (int)tensorType.Int64(1), shape, v.Has(3) ? v.String(3) : null);
    }
}
