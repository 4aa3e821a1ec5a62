using System.Buffers;
using System.Runtime.InteropServices;

namespace Vrs.Onnx.Native;

/// <summary>
/// Owns one native ONNX Runtime object and releases it through its matching <c>Release*</c> slot exactly once.
/// Created the moment the native object exists, so an exception before the next statement cannot leak it.
/// </summary>
internal class SafeOrtHandle : SafeHandle
{
    private readonly OrtApiSlot _releaseSlot;

    // Not a primary constructor: a parameter named handle would shadow SafeHandle.handle.
    internal SafeOrtHandle(nint nativeHandle, OrtApiSlot releaseSlot)
        : base(0, ownsHandle: true)
    {
        _releaseSlot = releaseSlot;
        SetHandle(nativeHandle);
    }

    public override bool IsInvalid => handle == 0;

    internal OrtApiSlot ReleaseSlot => _releaseSlot;

    protected override bool ReleaseHandle()
    {
        OrtApi.Release(_releaseSlot, handle);
        return true;
    }
}

/// <summary>
/// An <c>OrtValue</c> tensor over memory the caller owns: the memory stays pinned (and alive) until ORT has
/// released the value, even if a run still holds the handle when its owner is disposed.
/// </summary>
internal sealed class SafeOrtValueHandle : SafeOrtHandle
{
    private readonly object? _keepAlive;
    private MemoryHandle _pin;

    internal SafeOrtValueHandle(nint nativeHandle, object? keepAlive, MemoryHandle pin)
        : base(nativeHandle, OrtApiSlot.ReleaseValue)
    {
        _keepAlive = keepAlive;
        _pin = pin;
    }

    protected override bool ReleaseHandle()
    {
        bool released = base.ReleaseHandle();
        _pin.Dispose();
        GC.KeepAlive(_keepAlive);
        return released;
    }
}

/// <summary>
/// Keeps a handle alive across one native call (function pointers do no SafeHandle marshalling themselves).
/// </summary>
internal readonly ref struct HandleLease
{
    private readonly SafeHandle _handle;

    internal HandleLease(SafeHandle handle)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        _handle = handle;
        Pointer = handle.DangerousGetHandle();
    }

    internal nint Pointer { get; }

    public void Dispose() => _handle.DangerousRelease();
}
