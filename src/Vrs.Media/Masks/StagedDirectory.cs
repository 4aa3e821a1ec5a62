namespace Vrs.Media.Masks;

/// <summary>
/// A folder filled under a hidden temporary name beside its final path (same file system, so publishing is a
/// rename). Commit replaces an existing folder of that name; disposing uncommitted deletes the staging folder.
/// </summary>
internal sealed class StagedDirectory : IDisposable
{
    private bool _committed;

    public StagedDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FinalPath = System.IO.Path.GetFullPath(path).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        string parent = System.IO.Path.GetDirectoryName(FinalPath)
            ?? throw new ArgumentException($"cannot write masks to the root folder {path}", nameof(path));
        Directory.CreateDirectory(parent);
        Path = System.IO.Path.Combine(parent, $".{System.IO.Path.GetFileName(FinalPath)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>Where files go until commit.</summary>
    public string Path { get; }

    public string FinalPath { get; }

    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (File.Exists(FinalPath))
        {
            throw new IOException($"{FinalPath} exists and is a file; masks need a folder there");
        }

        string? old = null;
        if (Directory.Exists(FinalPath))
        {
            old = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(FinalPath)!, $".{System.IO.Path.GetFileName(FinalPath)}.old-{Guid.NewGuid():N}");
            Directory.Move(FinalPath, old);
        }

        Directory.Move(Path, FinalPath);
        _committed = true;
        if (old is not null)
        {
            Directory.Delete(old, recursive: true);
        }
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
            _committed = true;
        }
    }

    /// <summary>The staging path of <c>name.png</c>, refusing names that would escape the folder.</summary>
    public string FileFor(string frameName, string extension)
    {
        if (string.IsNullOrEmpty(frameName) || frameName is "." or ".."
            || frameName.AsSpan().IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0
            || frameName.Contains('/', StringComparison.Ordinal) || frameName.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException($"frame name '{frameName}' cannot be a file name", nameof(frameName));
        }

        return System.IO.Path.Combine(Path, frameName + extension);
    }
}
