using Vrs.Onnx;

namespace Vrs.Segmentation.Tests;

/// <summary>One stand-in bundle per test run, written by <see cref="Sam2StandIn"/>, and the ORT library the CLI would load.</summary>
internal static class TestBundle
{
    private static readonly Lazy<string> s_directory = new(() =>
    {
        OnnxRuntime.Load();
        string dir = Path.Combine(Path.GetTempPath(), "vrs-sam2-standin-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Sam2StandIn.Write(dir);
    });

    public static string Directory => s_directory.Value;

    public static SessionSettings Sessions => new() { IntraOpThreads = 1 };

    public static Sam2Model Open() => Sam2Model.Open(Directory, Sessions);
}
