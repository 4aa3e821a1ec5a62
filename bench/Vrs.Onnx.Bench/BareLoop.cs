using System.Runtime.InteropServices;
using System.Text;

namespace Vrs.Onnx.Bench;

/// <summary>
/// The baseline: the same model run through raw function pointers with everything prepared up front — the
/// least work any C# caller of the C API can do per call. Slot numbers from onnxruntime_c_api.h (API 14+).
/// </summary>
internal sealed unsafe class BareLoop : IDisposable
{
    private readonly nint* _api;
    private readonly nint _session;
    private readonly nint _memoryInfo;
    private readonly nint[] _values = new nint[5];
    private readonly byte** _inputNames;
    private readonly byte** _outputNames;
    private readonly nint* _inputs;
    private readonly nint* _outputs;
    private readonly float[] _data = GC.AllocateArray<float>(4 * 4, pinned: true);
    private readonly long[] _shapeOut = GC.AllocateArray<long>(2, pinned: true);

    public BareLoop(string libraryPath, string modelPath)
    {
        nint library = NativeLibrary.Load(libraryPath);
        var getBase = (delegate* unmanaged<nint*>)NativeLibrary.GetExport(library, "OrtGetApiBase");
        nint* apiBase = getBase();
        _api = ((delegate* unmanaged<uint, nint*>)apiBase[0])(14);

        nint env;
        fixed (byte* id = "bench\0"u8)
        {
            Check(((delegate* unmanaged<int, byte*, nint*, nint>)_api[3])(3, id, &env));
        }

        nint options;
        Check(((delegate* unmanaged<nint*, nint>)_api[10])(&options));
        Check(((delegate* unmanaged<nint, int, nint>)_api[24])(options, 1));
        fixed (byte* key = "session.intra_op.allow_spinning\0"u8, value = "0\0"u8)
        {
            Check(((delegate* unmanaged<nint, byte*, byte*, nint>)_api[130])(options, key, value));
        }

        nint session;
        fixed (byte* path = Encoding.UTF8.GetBytes(modelPath + "\0"))
        {
            Check(((delegate* unmanaged<nint, byte*, nint, nint*, nint>)_api[7])(env, path, options, &session));
        }

        ((delegate* unmanaged<nint, void>)_api[100])(options);
        _session = session;
        nint memoryInfo;
        Check(((delegate* unmanaged<int, int, nint*, nint>)_api[69])(0, 0, &memoryInfo));
        _memoryInfo = memoryInfo;

        long* shape = stackalloc long[] { 1, 4 };
        fixed (float* data = _data)
        {
            for (int i = 0; i < 4; i++)
            {
                nint value;
                Check(((delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)_api[49])(memoryInfo, data + (i * 4), 16, shape, 2, 1, &value));
                _values[i] = value;
            }
        }

        fixed (long* shapeOut = _shapeOut)
        {
            long* dims = stackalloc long[] { 2 };
            nint value;
            Check(((delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)_api[49])(memoryInfo, shapeOut, 16, dims, 1, 7, &value));
            _values[4] = value;
        }

        _inputNames = Names("a", "b", "c");
        _outputNames = Names("y", "y_shape");
        _inputs = (nint*)NativeMemory.Alloc(3, (nuint)sizeof(nint));
        _outputs = (nint*)NativeMemory.Alloc(2, (nuint)sizeof(nint));
        _inputs[0] = _values[0];
        _inputs[1] = _values[1];
        _inputs[2] = _values[2];
        _outputs[0] = _values[3];
        _outputs[1] = _values[4];
    }

    public float FirstOutput => _data[12];

    public void Run() =>
        Check(((delegate* unmanaged<nint, nint, byte**, nint*, nuint, byte**, nuint, nint*, nint>)_api[9])(_session, 0, _inputNames, _inputs, 3, _outputNames, 2, _outputs));

    public void Fill(float a, float b, float c)
    {
        _data.AsSpan(0, 4).Fill(a);
        _data.AsSpan(4, 4).Fill(b);
        _data.AsSpan(8, 4).Fill(c);
    }

    private static byte** Names(params string[] names)
    {
        byte** pointers = (byte**)NativeMemory.Alloc((nuint)names.Length, (nuint)sizeof(nint));
        for (int i = 0; i < names.Length; i++)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(names[i] + "\0");
            pointers[i] = (byte*)NativeMemory.Alloc((nuint)bytes.Length);
            bytes.CopyTo(new Span<byte>(pointers[i], bytes.Length));
        }

        return pointers;
    }

    private void Check(nint status)
    {
        if (status != 0)
        {
            string message = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)_api[2])(status)) ?? "?";
            throw new InvalidOperationException(message);
        }
    }

    public void Dispose()
    {
        foreach (nint value in _values)
        {
            ((delegate* unmanaged<nint, void>)_api[96])(value);
        }

        ((delegate* unmanaged<nint, void>)_api[94])(_memoryInfo);
        ((delegate* unmanaged<nint, void>)_api[95])(_session);
    }
}
