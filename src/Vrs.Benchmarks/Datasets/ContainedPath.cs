namespace Vrs.Benchmarks.Datasets;

/// <summary>
/// Joins dataset-supplied names (video keys, expression ids, frame names) under a root folder and refuses any that
/// would land outside it: keys come from JSON files a user did not write, so "../../etc" must not be followed.
/// </summary>
public static class ContainedPath
{
    public static string Combine(string root, string what, params ReadOnlySpan<string> parts)
    {
        string fullRoot = Path.GetFullPath(root);
        string combined = fullRoot;
        foreach (string part in parts)
        {
            if (part.Length == 0 || Path.IsPathRooted(part) || part.Contains('\0', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{what} \"{part}\" is not a relative name under {root}");
            }

            combined = Path.Combine(combined, part);
        }

        string full = Path.GetFullPath(combined);
        string rootWithSeparator = fullRoot.EndsWith(Path.DirectorySeparatorChar) ? fullRoot : fullRoot + Path.DirectorySeparatorChar;
        if (!full.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{what} \"{string.Join('/', parts.ToArray())}\" escapes {root}");
        }

        return full;
    }
}
