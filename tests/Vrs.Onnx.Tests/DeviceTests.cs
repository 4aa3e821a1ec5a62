using Vrs.Onnx.Native;

namespace Vrs.Onnx.Tests;

/// <summary>Device parsing, CUDA refusal on this CPU-only machine, and the auto fallback.</summary>
public sealed class DeviceTests
{
    [Theory]
    [InlineData("cpu", DeviceKind.Cpu, 0, "cpu")]
    [InlineData("CUDA", DeviceKind.Cuda, 0, "cuda:0")]
    [InlineData("cuda:3", DeviceKind.Cuda, 3, "cuda:3")]
    [InlineData(" auto ", DeviceKind.Auto, 0, "auto")]
    public void Device_specs_parse(string text, DeviceKind kind, int id, string canonical)
    {
        DeviceSpec device = DeviceSpec.Parse(text);

        Assert.Equal(new DeviceSpec(kind, id), device);
        Assert.Equal(canonical, device.ToString());
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("")]
    public void Bad_device_specs_say_what_is_accepted(string text)
    {
        Assert.False(DeviceSpec.TryParse(text, out _, out string? error));
        Assert.Contains("cpu, cuda, cuda:N (N = GPU index), auto", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Cuda_where_it_cannot_start_is_a_clear_error()
    {
        var settings = new SessionSettings { Device = DeviceSpec.Cuda(0), CudaMemoryLimitBytes = 1L << 30 };

        DeviceUnavailableException error = Assert.Throws<DeviceUnavailableException>(() => TestModels.Open(TestGraphs.Softmax(), settings));

        Assert.StartsWith("--device cuda:0 asks for CUDA", error.Message, StringComparison.Ordinal);
        Assert.Contains("--device cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_falls_back_to_cpu_and_says_so_once()
    {
        InferenceSession.ResetAutoDeviceForTests();
        var settings = new SessionSettings { Device = DeviceSpec.Auto };

        using InferenceSession first = TestModels.Open(TestGraphs.Softmax(), settings);
        using InferenceSession second = TestModels.Open(TestGraphs.Softmax(), settings);

        Assert.Equal(DeviceSpec.Cpu, first.Device.Actual);
        Assert.StartsWith("--device auto:", first.Device.Notice, StringComparison.Ordinal);
        Assert.Contains("running on CPU", first.Device.Notice, StringComparison.Ordinal);
        Assert.Equal(DeviceSpec.Cpu, second.Device.Actual);
        Assert.Null(second.Device.Notice);
        using OnnxTensor<float> x = OnnxTensor.FromArray(new float[] { 0, 0 }, 1, 2);
        using RunResult result = first.Run(("x", x));
        Assert.Equal(0.5f, result.GetData<float>(0)[0]);
    }

    [Fact]
    public void Without_the_cuda_provider_libraries_the_v2_options_fail_with_the_load_error()
    {
        // Measured on the CPU-only npm build: creating the V2 options works, updating them already loads the
        // provider bridge (libonnxruntime_providers_shared.so) and fails. The session path turns this into
        // DeviceUnavailableException (above).
        OnnxRuntime.Load();
        using SafeOrtHandle cuda = OrtApi.CreateCUDAProviderOptions();

        OnnxRuntimeException error = Assert.Throws<OnnxRuntimeException>(() => OrtApi.UpdateCUDAProviderOptions(cuda, [new("device_id", "0")]));

        Assert.Equal(OrtErrorCode.Fail, error.ErrorCode);
        Assert.Contains("libonnxruntime_providers_shared.so", error.NativeMessage, StringComparison.Ordinal);
    }
}
