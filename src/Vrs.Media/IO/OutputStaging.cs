namespace Vrs.Media.IO;

/// <summary>
/// Several outputs of one run (a mask folder, a report, an overlay, an RLE file, heatmaps) written under hidden
/// temporary names beside their final paths and moved into place together by <see cref="Commit"/>, after the whole
/// run succeeded. Disposing without committing deletes every temporary, so a failed or cancelled run leaves none of
/// its outputs behind, half-written or whole.
/// </summary>
public sealed class OutputStaging : IDisposable
{
    private readonly List<(string Temporary, string Final, bool IsDirectory)> _staged = [];
    private bool _committed;

    /// <summary>A temporary path for the file <paramref name="finalPath"/> (its folder is created; the file is not).</summary>
    public string StageFile(string finalPath) => Stage(finalPath, isDirectory: false);

    /// <summary>A temporary path for the folder <paramref name="finalPath"/> (not created: writers that stage their own folders create it).</summary>
    public string StageDirectory(string finalPath) => Stage(finalPath, isDirectory: true);

    /// <summary>Moves every staged output into place, replacing what was there.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        foreach ((string temporary, string final, bool isDirectory) in _staged)
        {
            if (isDirectory)
            {
                if (!Directory.Exists(temporary))
                {
                    continue; // the writer wrote nothing (e.g. no heatmaps asked)
                }

                if (File.Exists(final))
                {
                    throw new IOException($"{final} exists and is a file; a folder is written there");
                }

                string? old = null;
                if (Directory.Exists(final))
                {
                    old = Path.Combine(Path.GetDirectoryName(final)!, $".{Path.GetFileName(final)}.old-{Guid.NewGuid():N}");
                    Directory.Move(final, old);
                }

                Directory.Move(temporary, final);
                if (old is not null)
                {
                    Directory.Delete(old, recursive: true);
                }
            }
            else if (File.Exists(temporary))
            {
                File.Move(temporary, final, overwrite: true);
            }
        }

        _committed = true;
    }

    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        foreach ((string temporary, _, bool isDirectory) in _staged)
        {
            try
            {
                if (isDirectory && Directory.Exists(temporary))
                {
                    Directory.Delete(temporary, recursive: true);
                }
                else if (!isDirectory && File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
            catch (IOException)
            {
                // Best effort: a hidden temporary left behind never looks like a finished output.
            }
        }

        _committed = true;
    }

    private string Stage(string finalPath, bool isDirectory)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        ArgumentException.ThrowIfNullOrEmpty(finalPath);
        string final = Path.GetFullPath(finalPath).TrimEnd(Path.DirectorySeparatorChar);
        string parent = Path.GetDirectoryName(final) ?? throw new ArgumentException($"cannot write to the root folder {finalPath}", nameof(finalPath));
        Directory.CreateDirectory(parent);
        string temporary = Path.Combine(parent, $".{Path.GetFileName(final)}.staged-{Environment.ProcessId}-{Guid.NewGuid():N}");
        _staged.Add((temporary, final, isDirectory));
        return temporary;
    }
}
