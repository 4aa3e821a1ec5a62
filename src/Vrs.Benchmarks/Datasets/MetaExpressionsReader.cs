using System.Text.Json;

namespace Vrs.Benchmarks.Datasets;

/// <summary>
/// Reads the <c>meta_expressions*.json</c> layout shared by ReVOS and MeViS:
/// <c>{"videos": {key: {"frames": [...], "expressions": {id: {"exp", "obj_id", "anno_id", ["type_id"]}}}}}</c>.
/// Videos and expressions keep the file's order, as the official scripts iterate them.
/// </summary>
public static class MetaExpressionsReader
{
    public static IReadOnlyList<ExpressionSpec> Read(string path)
    {
        using JsonDocument document = DatasetJson.Parse(path);
        return Parse(document.RootElement, path);
    }

    private static List<ExpressionSpec> Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("videos", out JsonElement videos)
            || videos.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: expected an object with a \"videos\" object");
        }

        var result = new List<ExpressionSpec>();
        foreach (JsonProperty video in videos.EnumerateObject())
        {
            string where = $"video \"{video.Name}\"";
            JsonElement body = video.Value;
            if (body.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: {where} is not an object");
            }

            IReadOnlyList<string> frames = ReadStringList(body, "frames", path, where);
            if (!body.TryGetProperty("expressions", out JsonElement expressions) || expressions.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: {where} has no \"expressions\" object");
            }

            foreach (JsonProperty expression in expressions.EnumerateObject())
            {
                string expWhere = $"{where}, expression \"{expression.Name}\"";
                JsonElement e = expression.Value;
                if (e.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"{path}: {expWhere} is not an object");
                }

                string text = e.TryGetProperty("exp", out JsonElement exp) && exp.ValueKind == JsonValueKind.String ? exp.GetString()! : "";
                IReadOnlyList<int> annoIds = ReadIntList(e, "anno_id", path, expWhere);
                int typeId = 0;
                if (e.TryGetProperty("type_id", out JsonElement type))
                {
                    if (type.ValueKind != JsonValueKind.Number || !type.TryGetInt32(out typeId))
                    {
                        throw new InvalidDataException($"{path}: {expWhere}: \"type_id\" must be an integer");
                    }
                }

                result.Add(new ExpressionSpec(video.Name, expression.Name, text, annoIds, typeId, frames));
            }
        }

        return result;
    }

    internal static IReadOnlyList<string> ReadStringList(JsonElement owner, string name, string path, string where)
    {
        if (!owner.TryGetProperty(name, out JsonElement list) || list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: {where} has no \"{name}\" list");
        }

        var items = new List<string>(list.GetArrayLength());
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{path}: {where}: \"{name}\" must hold strings");
            }

            items.Add(item.GetString()!);
        }

        return items;
    }

    private static int[] ReadIntList(JsonElement owner, string name, string path, string where)
    {
        if (!owner.TryGetProperty(name, out JsonElement list))
        {
            throw new InvalidDataException($"{path}: {where} has no \"{name}\"");
        }

        if (list.ValueKind == JsonValueKind.Number && list.TryGetInt32(out int single))
        {
            return [single];
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: {where}: \"{name}\" must be a list of integers");
        }

        var ids = new int[list.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt32(out ids[i++]))
            {
                throw new InvalidDataException($"{path}: {where}: \"{name}\" must be a list of integers");
            }
        }

        return ids;
    }
}
