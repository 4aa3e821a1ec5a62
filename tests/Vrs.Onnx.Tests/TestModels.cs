namespace Vrs.Onnx.Tests;

/// <summary>Sessions over the models <see cref="TestGraphs"/> builds, through the one ONNX Runtime library every test runs.</summary>
internal static class TestModels
{
    static TestModels()
    {
        // The tests find the library the way the CLI does: VRS_ORT_LIBRARY, else .vrs/onnxruntime/ above bin/.
        OnnxRuntime.Load();
    }

    public static InferenceSession Open(byte[] model, SessionSettings? settings = null) =>
        InferenceSession.FromBytes(model, settings ?? new SessionSettings { IntraOpThreads = 1 });
}
