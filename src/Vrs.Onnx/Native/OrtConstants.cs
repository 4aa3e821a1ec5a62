namespace Vrs.Onnx.Native;

/// <summary>C enum values of <c>onnxruntime_c_api.h</c> that stay inside the binding (native names kept).</summary>
internal static class OrtConstants
{
    /// <summary>The <c>OrtApi</c> version vrs asks for: the lowest that holds every slot in <see cref="OrtApiSlot"/>.</summary>
    public const uint ORT_API_VERSION_USED = 14;

    // enum OrtAllocatorType
    public const int OrtDeviceAllocator = 0;
    public const int OrtArenaAllocator = 1;

    // enum OrtMemType
    public const int OrtMemTypeDefault = 0;

    // enum ONNXType
    public const int ONNX_TYPE_TENSOR = 1;

    // enum ExecutionMode
    public const int ORT_SEQUENTIAL = 0;
    public const int ORT_PARALLEL = 1;
}
