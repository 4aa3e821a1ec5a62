namespace Vrs.Onnx;

/// <summary>ONNX Runtime reported an error (a non-NULL <c>OrtStatus</c>): its code and its message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException()
    {
    }

    public OnnxRuntimeException(string message)
        : base(message)
    {
    }

    public OnnxRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OnnxRuntimeException(OrtErrorCode errorCode, string message)
        : base($"ONNX Runtime error {errorCode}: {message}")
    {
        ErrorCode = errorCode;
        NativeMessage = message;
    }

    public OrtErrorCode ErrorCode { get; } = OrtErrorCode.Fail;

    /// <summary>The message exactly as ONNX Runtime wrote it.</summary>
    public string NativeMessage { get; } = string.Empty;

    /// <summary>
    /// <see cref="NativeMessage"/> without ORT's source-location prefix
    /// (<c>/onnxruntime_src/…cc:1988 … [ONNXRuntimeError] : 1 : FAIL : </c>), for users.
    /// </summary>
    public string ShortMessage
    {
        get
        {
            const string Marker = "[ONNXRuntimeError] : ";
            int marker = NativeMessage.IndexOf(Marker, StringComparison.Ordinal);
            if (marker < 0)
            {
                return NativeMessage.Trim();
            }

            // "… [ONNXRuntimeError] : 1 : FAIL : text": skip the code and its name.
            string rest = NativeMessage[(marker + Marker.Length)..];
            for (int skip = 0; skip < 2; skip++)
            {
                int separator = rest.IndexOf(" : ", StringComparison.Ordinal);
                if (separator < 0)
                {
                    return rest.Trim();
                }

                rest = rest[(separator + 3)..];
            }

            return rest.Trim();
        }
    }
}

/// <summary><c>OrtErrorCode</c> (onnxruntime_c_api.h); values are the native ones.</summary>
public enum OrtErrorCode
{
    Ok = 0,
    Fail = 1,
    InvalidArgument = 2,
    NoSuchFile = 3,
    NoModel = 4,
    EngineError = 5,
    RuntimeException = 6,
    InvalidProtobuf = 7,
    ModelLoaded = 8,
    NotImplemented = 9,
    InvalidGraph = 10,
    EpFail = 11,
    ModelLoadCanceled = 12,
    ModelRequiresCompilation = 13,
    NotFound = 14,
    DeviceReset = 15,
}
