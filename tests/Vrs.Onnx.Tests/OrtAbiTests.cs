using Vrs.Onnx.Native;

namespace Vrs.Onnx.Tests;

/// <summary>
/// Pins the OrtApi slots and C enum values the binding uses to the facts of onnxruntime_c_api.h (API 30,
/// <c>ortapi-v30-slots.tsv</c>: index, name, since). A renumbered slot would call the wrong C function.
/// </summary>
public sealed class OrtAbiTests
{
    // index and the release that added it, copied from ortapi-v30-slots.tsv ("<=1.11" = untagged, older).
    public static TheoryData<string, int, string> Slots => new()
    {
        { "GetErrorCode", 1, "<=1.11" },
        { "GetErrorMessage", 2, "<=1.11" },
        { "CreateEnv", 3, "<=1.11" },
        { "CreateSession", 7, "<=1.11" },
        { "CreateSessionFromArray", 8, "<=1.11" },
        { "Run", 9, "<=1.11" },
        { "CreateSessionOptions", 10, "<=1.11" },
        { "SetSessionExecutionMode", 13, "<=1.11" },
        { "SetSessionGraphOptimizationLevel", 23, "<=1.11" },
        { "SetIntraOpNumThreads", 24, "<=1.11" },
        { "SetInterOpNumThreads", 25, "<=1.11" },
        { "SessionGetInputCount", 30, "<=1.11" },
        { "SessionGetOutputCount", 31, "<=1.11" },
        { "SessionGetInputTypeInfo", 33, "<=1.11" },
        { "SessionGetOutputTypeInfo", 34, "<=1.11" },
        { "SessionGetInputName", 36, "<=1.11" },
        { "SessionGetOutputName", 37, "<=1.11" },
        { "CreateRunOptions", 39, "<=1.11" },
        { "RunOptionsSetTerminate", 46, "<=1.11" },
        { "RunOptionsUnsetTerminate", 47, "<=1.11" },
        { "CreateTensorAsOrtValue", 48, "<=1.11" },
        { "CreateTensorWithDataAsOrtValue", 49, "<=1.11" },
        { "GetTensorMutableData", 51, "<=1.11" },
        { "CastTypeInfoToTensorInfo", 55, "<=1.11" },
        { "GetOnnxTypeFromTypeInfo", 56, "<=1.11" },
        { "GetTensorElementType", 60, "<=1.11" },
        { "GetDimensionsCount", 61, "<=1.11" },
        { "GetDimensions", 62, "<=1.11" },
        { "GetSymbolicDimensions", 63, "<=1.11" },
        { "GetTensorTypeAndShape", 65, "<=1.11" },
        { "CreateCpuMemoryInfo", 69, "<=1.11" },
        { "AllocatorFree", 76, "<=1.11" },
        { "GetAllocatorWithDefaultOptions", 78, "<=1.11" },
        { "ReleaseEnv", 92, "<=1.11" },
        { "ReleaseStatus", 93, "<=1.11" },
        { "ReleaseMemoryInfo", 94, "<=1.11" },
        { "ReleaseSession", 95, "<=1.11" },
        { "ReleaseValue", 96, "<=1.11" },
        { "ReleaseRunOptions", 97, "<=1.11" },
        { "ReleaseTypeInfo", 98, "<=1.11" },
        { "ReleaseTensorTypeAndShapeInfo", 99, "<=1.11" },
        { "ReleaseSessionOptions", 100, "<=1.11" },
        { "SessionGetModelMetadata", 111, "<=1.11" },
        { "ModelMetadataGetProducerName", 112, "<=1.11" },
        { "ModelMetadataGetGraphName", 113, "<=1.11" },
        { "ModelMetadataGetDomain", 114, "<=1.11" },
        { "ModelMetadataGetDescription", 115, "<=1.11" },
        { "ModelMetadataLookupCustomMetadataMap", 116, "<=1.11" },
        { "ModelMetadataGetVersion", 117, "<=1.11" },
        { "ReleaseModelMetadata", 118, "<=1.11" },
        { "ModelMetadataGetCustomMetadataMapKeys", 123, "<=1.11" },
        { "GetAvailableProviders", 125, "<=1.11" },
        { "ReleaseAvailableProviders", 126, "<=1.11" },
        { "AddSessionConfigEntry", 130, "<=1.11" },
        { "SessionOptionsAppendExecutionProvider_CUDA_V2", 204, "1.11" },
        { "CreateCUDAProviderOptions", 205, "1.11" },
        { "UpdateCUDAProviderOptions", 206, "1.11" },
        { "ReleaseCUDAProviderOptions", 208, "1.11" },
        { "UpdateEnvWithCustomLogLevel", 226, "1.14" },
    };

    [Theory]
    [MemberData(nameof(Slots))]
    public void Slot_number_matches_the_header(string name, int index, string since)
    {
        Assert.True(Enum.TryParse(name, out OrtApiSlot slot), name);
        Assert.Equal(index, (int)slot);
        Assert.NotEmpty(since);
    }

    [Fact]
    public void Every_slot_used_is_pinned_and_exists_by_the_requested_api_version()
    {
        string[] pinned = [.. Slots.Select(row => (string)row[0])];
        Assert.Equal(Enum.GetNames<OrtApiSlot>().Order(), pinned.Order());
        // API 14 ends with the slots tagged 1.14; the newest slot used (UpdateEnvWithCustomLogLevel, 226) is one.
        Assert.Equal(14u, OrtConstants.ORT_API_VERSION_USED);
        Assert.Equal(226, Enum.GetValues<OrtApiSlot>().Max(s => (int)s));
        Assert.All(Slots, row => Assert.True((string)row[2] is "<=1.11" or "1.11" or "1.14", $"{row[0]} since {row[2]}"));
    }

    [Fact]
    public void Element_type_values_match_ONNXTensorElementDataType()
    {
        Assert.Equal(0, (int)TensorElementType.Undefined);
        Assert.Equal(1, (int)TensorElementType.Float32);
        Assert.Equal(2, (int)TensorElementType.UInt8);
        Assert.Equal(3, (int)TensorElementType.Int8);
        Assert.Equal(6, (int)TensorElementType.Int32);
        Assert.Equal(7, (int)TensorElementType.Int64);
        Assert.Equal(8, (int)TensorElementType.String);
        Assert.Equal(9, (int)TensorElementType.Bool);
        Assert.Equal(10, (int)TensorElementType.Float16);
        Assert.Equal(11, (int)TensorElementType.Float64);
        Assert.Equal(16, (int)TensorElementType.BFloat16);
    }

    [Fact]
    public void Other_enum_values_match_the_header()
    {
        Assert.Equal([0, 1, 2, 3, 99], Enum.GetValues<GraphOptimizationLevel>().Select(v => (int)v));
        Assert.Equal([0, 1, 2, 3, 4], Enum.GetValues<OrtLoggingLevel>().Select(v => (int)v));
        Assert.Equal(2, (int)OrtErrorCode.InvalidArgument);
        Assert.Equal(3, (int)OrtErrorCode.NoSuchFile);
        Assert.Equal(7, (int)OrtErrorCode.InvalidProtobuf);
        Assert.Equal(15, (int)OrtErrorCode.DeviceReset);
        Assert.Equal(0, OrtConstants.OrtDeviceAllocator);
        Assert.Equal(1, OrtConstants.OrtArenaAllocator);
        Assert.Equal(0, OrtConstants.OrtMemTypeDefault);
        Assert.Equal(1, OrtConstants.ONNX_TYPE_TENSOR);
        Assert.Equal(0, OrtConstants.ORT_SEQUENTIAL);
        Assert.Equal(1, OrtConstants.ORT_PARALLEL);
    }

    [Fact]
    public void OrtApiBase_is_two_function_pointers()
    {
        Assert.Equal(2 * IntPtr.Size, System.Runtime.CompilerServices.Unsafe.SizeOf<OrtApiBase>());
    }
}
