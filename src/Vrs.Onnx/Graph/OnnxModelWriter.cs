namespace Vrs.Onnx.Graph;

/// <summary>
/// Serialises a built graph as an ONNX <c>ModelProto</c>. Field numbers are those of onnx.proto (proto2);
/// fields are written in field-number order and repeated scalars unpacked, as the reference protobuf
/// serialiser does, so the same model comes out byte for byte as <c>SerializeToString()</c> would write it.
/// </summary>
internal static class OnnxModelWriter
{
    // ModelProto
    private const int ModelIrVersion = 1;
    private const int ModelProducerName = 2;
    private const int ModelProducerVersion = 3;
    private const int ModelModelVersion = 5;
    private const int ModelDocString = 6;
    private const int ModelGraph = 7;
    private const int ModelOpsetImport = 8;
    private const int ModelMetadataProps = 14;

    // OperatorSetIdProto, StringStringEntryProto
    private const int OpsetDomain = 1;
    private const int OpsetVersion = 2;
    private const int EntryKey = 1;
    private const int EntryValue = 2;

    // GraphProto
    private const int GraphNode = 1;
    private const int GraphName = 2;
    private const int GraphInitializer = 5;
    private const int GraphDocString = 10;
    private const int GraphInput = 11;
    private const int GraphOutput = 12;
    private const int GraphValueInfo = 13;

    // NodeProto
    private const int NodeInput = 1;
    private const int NodeOutput = 2;
    private const int NodeName = 3;
    private const int NodeOpType = 4;
    private const int NodeAttributeField = 5;
    private const int NodeDocString = 6;
    private const int NodeDomain = 7;

    // AttributeProto
    private const int AttributeName = 1;
    private const int AttributeF = 2;
    private const int AttributeI = 3;
    private const int AttributeS = 4;
    private const int AttributeT = 5;
    private const int AttributeG = 6;
    private const int AttributeFloats = 7;
    private const int AttributeInts = 8;
    private const int AttributeStrings = 9;
    private const int AttributeType = 20;

    // TensorProto
    private const int TensorDims = 1;
    private const int TensorDataType = 2;
    private const int TensorName = 8;
    private const int TensorRawData = 9;

    // ValueInfoProto, TypeProto, TypeProto.Tensor, TensorShapeProto(.Dimension)
    private const int ValueInfoName = 1;
    private const int ValueInfoType = 2;
    private const int ValueInfoDocString = 3;
    private const int TypeTensorType = 1;
    private const int TensorTypeElemType = 1;
    private const int TensorTypeShape = 2;
    private const int ShapeDim = 1;
    private const int DimValue = 1;
    private const int DimParam = 2;

    public static byte[] WriteModel(ModelDescription model, GraphBuilder graph)
    {
        var w = new ProtoWriter(1024);
        w.WriteInt64(ModelIrVersion, model.IrVersion);
        w.WriteString(ModelProducerName, model.Producer);
        if (model.ProducerVersion is not null)
        {
            w.WriteString(ModelProducerVersion, model.ProducerVersion);
        }

        if (model.ModelVersion != 0)
        {
            w.WriteInt64(ModelModelVersion, model.ModelVersion);
        }

        if (model.DocString is not null)
        {
            w.WriteString(ModelDocString, model.DocString);
        }

        w.WriteMessage(ModelGraph, WriteGraph(graph));
        foreach (KeyValuePair<string, long> opset in model.Opsets)
        {
            var o = new ProtoWriter();
            o.WriteString(OpsetDomain, opset.Key);
            o.WriteInt64(OpsetVersion, opset.Value);
            w.WriteMessage(ModelOpsetImport, o);
        }

        foreach (KeyValuePair<string, string> entry in model.Metadata)
        {
            var e = new ProtoWriter();
            e.WriteString(EntryKey, entry.Key);
            e.WriteString(EntryValue, entry.Value);
            w.WriteMessage(ModelMetadataProps, e);
        }

        return w.ToArray();
    }

    /// <summary>A TensorProto with raw_data; also used for tensor attributes (unnamed).</summary>
    internal static ProtoWriter WriteTensor(TensorData tensor, string? name)
    {
        var w = new ProtoWriter(tensor.RawData.Length + 32);
        foreach (long d in tensor.DimsSpan)
        {
            w.WriteInt64(TensorDims, d);
        }

        w.WriteInt32(TensorDataType, (int)tensor.ElementType);
        if (name is not null)
        {
            w.WriteString(TensorName, name);
        }

        w.WriteBytes(TensorRawData, tensor.RawData);
        return w;
    }

    private static ProtoWriter WriteGraph(GraphBuilder graph)
    {
        var w = new ProtoWriter(256);
        foreach (NodeRecord node in graph.Nodes)
        {
            w.WriteMessage(GraphNode, WriteNode(node));
        }

        w.WriteString(GraphName, graph.Name);
        foreach ((string name, TensorData data) in graph.Initializers)
        {
            w.WriteMessage(GraphInitializer, WriteTensor(data, name));
        }

        if (graph.DocString is not null)
        {
            w.WriteString(GraphDocString, graph.DocString);
        }

        foreach (ValueDeclaration input in graph.Inputs)
        {
            w.WriteMessage(GraphInput, WriteValueInfo(input));
        }

        foreach (ValueDeclaration output in graph.Outputs)
        {
            w.WriteMessage(GraphOutput, WriteValueInfo(output));
        }

        foreach (ValueDeclaration info in graph.ValueInfos)
        {
            w.WriteMessage(GraphValueInfo, WriteValueInfo(info));
        }

        return w;
    }

    private static ProtoWriter WriteNode(NodeRecord node)
    {
        var w = new ProtoWriter(64);
        foreach (GraphValue input in node.Inputs)
        {
            w.WriteString(NodeInput, input.Name);
        }

        foreach (GraphValue output in node.Outputs)
        {
            w.WriteString(NodeOutput, output.Name);
        }

        w.WriteString(NodeName, node.Name);
        w.WriteString(NodeOpType, node.OpType);
        foreach (NodeAttribute attribute in node.Attributes)
        {
            w.WriteMessage(NodeAttributeField, WriteAttribute(attribute));
        }

        if (node.DocString is not null)
        {
            w.WriteString(NodeDocString, node.DocString);
        }

        if (node.Domain.Length > 0)
        {
            w.WriteString(NodeDomain, node.Domain);
        }

        return w;
    }

    private static ProtoWriter WriteAttribute(NodeAttribute attribute)
    {
        var w = new ProtoWriter(32);
        w.WriteString(AttributeName, attribute.Name);
        switch (attribute.Type)
        {
            case OnnxAttributeType.Float:
                w.WriteFloat(AttributeF, attribute.FloatValue);
                break;
            case OnnxAttributeType.Int:
                w.WriteInt64(AttributeI, attribute.IntValue);
                break;
            case OnnxAttributeType.String:
                w.WriteBytes(AttributeS, attribute.StringValue);
                break;
            case OnnxAttributeType.Tensor:
                w.WriteMessage(AttributeT, WriteTensor(attribute.TensorValue!, name: null));
                break;
            case OnnxAttributeType.Graph:
                w.WriteMessage(AttributeG, WriteGraph(attribute.GraphValue!));
                break;
            case OnnxAttributeType.Floats:
                foreach (float f in attribute.FloatsValue)
                {
                    w.WriteFloat(AttributeFloats, f);
                }

                break;
            case OnnxAttributeType.Ints:
                foreach (long i in attribute.IntsValue)
                {
                    w.WriteInt64(AttributeInts, i);
                }

                break;
            case OnnxAttributeType.Strings:
                foreach (byte[] s in attribute.StringsValue)
                {
                    w.WriteBytes(AttributeStrings, s);
                }

                break;
            default:
                throw new InvalidOperationException($"attribute '{attribute.Name}' has unsupported type {attribute.Type}");
        }

        w.WriteInt32(AttributeType, (int)attribute.Type);
        return w;
    }

    private static ProtoWriter WriteValueInfo(ValueDeclaration value)
    {
        var shape = new ProtoWriter();
        if (value.Shape is not null)
        {
            foreach (OnnxDim dim in value.Shape)
            {
                var d = new ProtoWriter(16);
                if (dim.Value is long size)
                {
                    d.WriteInt64(DimValue, size);
                }
                else if (dim.Name is not null)
                {
                    d.WriteString(DimParam, dim.Name);
                }

                shape.WriteMessage(ShapeDim, d);
            }
        }

        var tensorType = new ProtoWriter();
        tensorType.WriteInt32(TensorTypeElemType, (int)value.ElementType);
        if (value.Shape is not null)
        {
            tensorType.WriteMessage(TensorTypeShape, shape);
        }

        var type = new ProtoWriter();
        type.WriteMessage(TypeTensorType, tensorType);

        var w = new ProtoWriter();
        w.WriteString(ValueInfoName, value.Name);
        w.WriteMessage(ValueInfoType, type);
        if (value.DocString is not null)
        {
            w.WriteString(ValueInfoDocString, value.DocString);
        }

        return w;
    }
}
