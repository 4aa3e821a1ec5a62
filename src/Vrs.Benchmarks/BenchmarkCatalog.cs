using Vrs.Benchmarks.Evaluation;
using Vrs.Benchmarks.Protocols;

namespace Vrs.Benchmarks;

/// <summary>The benchmarks' command-line names, default splits, and how to open each one's protocol.</summary>
public static class BenchmarkCatalog
{
    private static readonly (string Name, BenchmarkKind Kind, string DefaultSplit)[] s_entries =
    [
        ("revos", BenchmarkKind.Revos, "valid"),
        ("mevis", BenchmarkKind.Mevis, "valid_u"),
        ("reasonvos", BenchmarkKind.ReasonVos, "test"),
        ("refdavis", BenchmarkKind.RefDavis, "val"),
    ];

    public static IEnumerable<string> Names => s_entries.Select(e => e.Name);

    public static BenchmarkKind? Parse(string name)
    {
        foreach (var entry in s_entries)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Kind;
            }
        }

        return null;
    }

    public static string DefaultSplit(BenchmarkKind kind) => s_entries.First(e => e.Kind == kind).DefaultSplit;

    /// <summary>Reads the benchmark's expression list and opens its ground truth; errors name the missing or malformed file.</summary>
    public static BenchmarkProtocol Open(EvaluationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Directory.Exists(request.Root))
        {
            throw new DirectoryNotFoundException($"{request.Root}: benchmark folder not found");
        }

        if (!Directory.Exists(request.PredictionRoot))
        {
            throw new DirectoryNotFoundException($"{request.PredictionRoot}: prediction folder not found");
        }

        string split = request.Split ?? DefaultSplit(request.Benchmark);
        return request.Benchmark switch
        {
            BenchmarkKind.Revos => new RevosProtocol(request, split),
            BenchmarkKind.Mevis => new MevisProtocol(request, split),
            BenchmarkKind.ReasonVos => new ReasonVosProtocol(request, split),
            BenchmarkKind.RefDavis => new RefDavisProtocol(request, split),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Benchmark, "unknown benchmark"),
        };
    }
}
