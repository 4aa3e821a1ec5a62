using System.Text;
using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests;

/// <summary>Loading sessions, reading their inputs, outputs and metadata, and ORT's errors.</summary>
public sealed class SessionTests
{
    [Fact]
    public void Library_is_ONNX_Runtime_1_30_with_the_CPU_provider()
    {
        OnnxRuntimeInfo info = OnnxRuntime.Info;

        Assert.Equal("1.30.0", info.Version);
        Assert.Contains(ExecutionProviders.Cpu, info.AvailableProviders);
        Assert.True(Path.IsPathFullyQualified(info.LibraryPath), info.LibraryPath);
    }

    [Fact]
    public void Inputs_and_outputs_report_names_types_and_symbolic_dimensions()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Probe());

        Assert.Equal(["image", "points"], session.Inputs.Select(i => i.Name));
        Assert.Equal(["score", "image_shape"], session.Outputs.Select(o => o.Name));
        TensorInfo image = session.Input("image");
        Assert.Equal(TensorElementType.UInt8, image.ElementType);
        Assert.Equal([1L, -1L, -1L, 3L], image.Dimensions);
        Assert.Equal([null, "H", "W", null], image.SymbolicDimensions);
        Assert.Equal("[1, H, W, 3]", image.ShapeText);
        Assert.Equal("[4]", session.Output("image_shape").ShapeText);
        Assert.Equal(TensorElementType.Int64, session.Output("image_shape").ElementType);
    }

    [Fact]
    public void Metadata_reads_producer_description_version_and_custom_map()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.AddMul());

        ModelMetadata metadata = session.Metadata;

        Assert.Equal("vrs-tests", metadata.ProducerName);
        Assert.Equal("add_mul", metadata.GraphName);
        Assert.Equal("(a + b) * c", metadata.Description);
        Assert.Equal(3, metadata.Version);
        Assert.Equal("vrs", metadata.CustomMetadata["author"]);
        Assert.Equal("sum,product", metadata.CustomMetadata["labels"]);
        Assert.Equal(2, metadata.CustomMetadata.Count);
    }

    [Fact]
    public void A_session_loads_from_bytes_and_from_a_non_ascii_path()
    {
        byte[] model = TestGraphs.Identity(TensorElementType.Float32);
        string folder = Path.Combine(Path.GetTempPath(), "vrs-ünï 目录-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "módel.onnx");
            File.WriteAllBytes(path, model);
            using InferenceSession fromPath = InferenceSession.Open(path);
            using InferenceSession fromBytes = InferenceSession.FromBytes(model);

            Assert.Equal(path, fromPath.Source);
            Assert.Equal("(bytes)", fromBytes.Source);
            Assert.Equal(fromPath.Inputs, fromBytes.Inputs, (a, b) => a.Name == b.Name && a.ShapeText == b.ShapeText);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_model_file_is_a_no_such_file_error()
    {
        OnnxRuntimeException error = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.Open("/nonexistent/model.onnx"));

        Assert.Equal(OrtErrorCode.NoSuchFile, error.ErrorCode);
        Assert.Contains("/nonexistent/model.onnx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_bytes_are_an_invalid_protobuf_error()
    {
        OnnxRuntimeException error = Assert.Throws<OnnxRuntimeException>(() => InferenceSession.FromBytes(Encoding.ASCII.GetBytes("not a model at all")));

        Assert.Equal(OrtErrorCode.InvalidProtobuf, error.ErrorCode);
    }

    [Fact]
    public void Unknown_input_names_are_reported_with_the_real_ones()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Softmax());
        using OnnxTensor<float> x = OnnxTensor.FromArray(new float[2], 1, 2);

        KeyNotFoundException error = Assert.Throws<KeyNotFoundException>(() => session.Run(("input", x)));

        Assert.Contains("no input `input` (inputs: x)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_for_threads_and_optimisation_level_are_accepted()
    {
        var settings = new SessionSettings { IntraOpThreads = 2, InterOpThreads = 2, ParallelExecution = true, OptimizationLevel = GraphOptimizationLevel.DisableAll };
        using InferenceSession session = TestModels.Open(TestGraphs.AddMul(), settings);
        using OnnxTensor<float> one = OnnxTensor.FromArray(new[] { 1f }, 1, 1);

        using RunResult result = session.Run(("a", one), ("b", one), ("c", one));

        Assert.Equal(2f, result.GetData<float>("y")[0]);
    }

    [Fact]
    public void A_cancelled_token_stops_the_run_and_the_runner_stays_usable()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Softmax());
        using OnnxTensor<float> x = OnnxTensor.FromArray(new float[] { 0, 0 }, 1, 2);
        using OnnxTensor<float> y = OnnxTensor.Allocate<float>([1, 2]);
        using SessionRunner runner = session.CreateRunner();
        runner.BindInput("x", x);
        runner.BindOutput("y", y);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => runner.Run(cancelled.Token));
        runner.Run();

        Assert.Equal([0.5f, 0.5f], y.Span.ToArray());
    }

    [Fact]
    public void A_preallocated_output_of_the_wrong_shape_is_an_ort_error_not_a_corruption()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Softmax());
        using OnnxTensor<float> x = OnnxTensor.FromArray(new float[] { 0, 0, 0, 0 }, 2, 2);
        using OnnxTensor<float> y = OnnxTensor.Allocate<float>([1, 2]);
        using SessionRunner runner = session.CreateRunner();
        runner.BindInput("x", x);
        runner.BindOutput("y", y);

        OnnxRuntimeException error = Assert.Throws<OnnxRuntimeException>(() => runner.Run());

        Assert.NotEqual(OrtErrorCode.Ok, error.ErrorCode);
        Assert.Equal([0f, 0f], y.Span.ToArray());
    }

    [Fact]
    public void A_runner_refuses_to_run_with_an_unbound_input()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Softmax());
        using SessionRunner runner = session.CreateRunner();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => runner.Run());

        Assert.Equal("input `x` has no tensor bound; call BindInput first.", error.Message);
    }

    [Fact]
    public void Reshape_reuses_the_memory_for_a_new_dynamic_shape()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Softmax());
        using OnnxTensor<float> x = OnnxTensor.Allocate<float>([1, 2], capacity: 8);
        using OnnxTensor<float> y = OnnxTensor.Allocate<float>([1, 2], capacity: 8);
        using SessionRunner runner = session.CreateRunner();
        runner.BindInput("x", x);
        runner.BindOutput("y", y);
        runner.Run();
        Assert.Equal([0.5f, 0.5f], y.Span.ToArray());

        x.Reshape(2, 4);
        y.Reshape(2, 4);
        x.Span.Fill(1f);
        runner.Run();

        Assert.Equal(8, y.Span.Length);
        Assert.All(y.Span.ToArray(), v => Assert.Equal(0.25f, v, 1e-6f));
        Assert.Throws<ArgumentException>(() => x.Reshape(3, 3));
    }
}

/// <summary>Process-wide settings of the environment.</summary>
public sealed class EnvironmentTests
{
    [Fact]
    public void The_log_level_can_change_after_the_environment_exists()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Softmax());

        OnnxRuntime.LogLevel = OrtLoggingLevel.Fatal;
        OnnxRuntime.LogLevel = OrtLoggingLevel.Error;

        Assert.Equal(OrtLoggingLevel.Error, OnnxRuntime.LogLevel);
    }

    [Fact]
    public void Short_messages_drop_ort_s_source_location()
    {
        var error = new OnnxRuntimeException(OrtErrorCode.Fail, "/onnxruntime_src/x.cc:1988 onnxruntime::Provider& Get() [ONNXRuntimeError] : 1 : FAIL : Failed to load library a.so");

        Assert.Equal("Failed to load library a.so", error.ShortMessage);
        Assert.Equal("plain", new OnnxRuntimeException(OrtErrorCode.Fail, " plain ").ShortMessage);
    }
}
