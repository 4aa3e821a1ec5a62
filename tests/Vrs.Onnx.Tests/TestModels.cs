namespace Vrs.Onnx.Tests;

/// <summary>The committed test models and the one ONNX Runtime library every test runs through.</summary>
internal static class TestModels
{
    static TestModels()
    {
        // The tests find the library the way the CLI does: VRS_ORT_LIBRARY, else .vrs/onnxruntime/ above bin/.
        OnnxRuntime.Load();
    }

    public static string Path(string name)
    {
        string path = System.IO.Path.Combine(AppContext.BaseDirectory, "Models", name);
        Assert.True(File.Exists(path), $"test model {path} is missing; run Models/make_models.py");
        return path;
    }

    public static InferenceSession Open(string name, SessionSettings? settings = null) =>
        InferenceSession.Open(Path(name), settings ?? new SessionSettings { IntraOpThreads = 1 });
}
