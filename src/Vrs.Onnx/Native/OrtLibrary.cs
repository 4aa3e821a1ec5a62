using System.Runtime.InteropServices;

namespace Vrs.Onnx.Native;

[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OrtApiBase
{
    public delegate* unmanaged<uint, nint*> GetApi;
    public delegate* unmanaged<byte*> GetVersionString;
}

/// <summary>
/// Finds and loads the ONNX Runtime shared library by absolute path, in the documented order:
/// the explicit path (<c>--ort-library</c>) → <c>VRS_ORT_LIBRARY</c> → the set-up folder
/// <c>.vrs/onnxruntime/</c> found walking up from the application folder → the OS loader.
/// A path the user named (flag or variable) that fails to load is an error, never silently skipped.
/// </summary>
internal static unsafe class OrtLibrary
{
    public const string EnvironmentVariable = "VRS_ORT_LIBRARY";
    public const string SetupFolder = ".vrs/onnxruntime";
    public const string SetupFileName = "libonnxruntime.so.1";

    /// <summary>The oldest runtime whose table holds every slot vrs calls (<see cref="OrtConstants.ORT_API_VERSION_USED"/>).</summary>
    public static readonly Version MinimumVersion = new(1, 14, 0);

    internal static uint ApiVersion => OrtConstants.ORT_API_VERSION_USED;

    internal static IReadOnlyList<LibraryCandidate> Candidates(string? explicitPath, string baseDirectory)
    {
        var candidates = new List<LibraryCandidate>();
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            candidates.Add(new LibraryCandidate("--ort-library", Path.GetFullPath(explicitPath), IsUserChoice: true, IsBareName: false));
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            candidates.Add(new LibraryCandidate(EnvironmentVariable, Path.GetFullPath(fromEnvironment), IsUserChoice: true, IsBareName: false));
        }

        for (DirectoryInfo? directory = new(baseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, SetupFolder, SetupFileName);
            if (File.Exists(candidate))
            {
                candidates.Add(new LibraryCandidate("set-up folder", candidate, IsUserChoice: false, IsBareName: false));
                break;
            }
        }

        foreach (string name in OsLoaderNames())
        {
            candidates.Add(new LibraryCandidate("OS loader", name, IsUserChoice: false, IsBareName: true));
        }

        return candidates;
    }

    private static string[] OsLoaderNames()
    {
        if (OperatingSystem.IsWindows())
        {
            return ["onnxruntime.dll"];
        }

        return OperatingSystem.IsMacOS() ? ["libonnxruntime.dylib"] : ["libonnxruntime.so.1", "libonnxruntime.so"];
    }

    internal static LoadedLibrary Load(string? explicitPath)
    {
        var attempts = new List<string>();
        foreach (LibraryCandidate candidate in Candidates(explicitPath, AppContext.BaseDirectory))
        {
            string? failure = TryLoad(candidate, out LoadedLibrary? loaded);
            if (loaded is not null)
            {
                return loaded;
            }

            attempts.Add($"{candidate.Source}: {candidate.Path} — {failure}");
            if (candidate.IsUserChoice)
            {
                break;
            }
        }

        throw new OnnxRuntimeNotFoundException(attempts);
    }

    private static string? TryLoad(LibraryCandidate candidate, out LoadedLibrary? loaded)
    {
        loaded = null;
        if (!candidate.IsBareName && !File.Exists(candidate.Path))
        {
            return "no such file";
        }

        nint library;
        try
        {
            library = NativeLibrary.Load(candidate.Path);
        }
        catch (DllNotFoundException exception)
        {
            return candidate.IsBareName ? "not found on the loader's search path" : $"cannot be loaded ({FirstLine(exception.Message)})";
        }
        catch (BadImageFormatException exception)
        {
            return $"not a loadable library ({FirstLine(exception.Message)})";
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out nint export))
        {
            NativeLibrary.Free(library);
            return "has no OrtGetApiBase export (not an ONNX Runtime library)";
        }

        OrtApiBase* apiBase = ((delegate* unmanaged<OrtApiBase*>)export)();
        string versionText = OrtApi.ReadUtf8(apiBase->GetVersionString());
        if (!System.Version.TryParse(versionText.Split('-', '+')[0], out Version? version) || version < MinimumVersion)
        {
            NativeLibrary.Free(library);
            return $"is ONNX Runtime {versionText}; vrs needs {MinimumVersion.ToString(3)} or newer";
        }

        // Asking for exactly the version used (never probing downward: every miss prints to stderr).
        nint* table = apiBase->GetApi(OrtConstants.ORT_API_VERSION_USED);
        if (table == null)
        {
            NativeLibrary.Free(library);
            return $"ONNX Runtime {versionText} does not offer API version {OrtConstants.ORT_API_VERSION_USED}";
        }

        string path = candidate.IsBareName ? ResolveLoadedPath(export) ?? candidate.Path : candidate.Path;
        loaded = new LoadedLibrary(library, (nint)table, path, versionText, candidate.Source);
        return null;
    }

    private static string FirstLine(string text)
    {
        int newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text.Trim() : text[..newline].Trim();
    }

    /// <summary>The file the OS loader picked, from <c>/proc/self/maps</c> (Linux only; null elsewhere).</summary>
    private static string? ResolveLoadedPath(nint export)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            ulong address = (ulong)export;
            foreach (string line in File.ReadLines("/proc/self/maps"))
            {
                int dash = line.IndexOf('-', StringComparison.Ordinal);
                int space = line.IndexOf(' ', StringComparison.Ordinal);
                if (dash < 0 || space < dash)
                {
                    continue;
                }

                ulong start = Convert.ToUInt64(line[..dash], 16);
                ulong end = Convert.ToUInt64(line[(dash + 1)..space], 16);
                int slash = line.IndexOf('/', StringComparison.Ordinal);
                if (address >= start && address < end && slash >= 0)
                {
                    return line[slash..];
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}

internal sealed record LibraryCandidate(string Source, string Path, bool IsUserChoice, bool IsBareName);

internal sealed record LoadedLibrary(nint Library, nint ApiTable, string Path, string Version, string Source);
