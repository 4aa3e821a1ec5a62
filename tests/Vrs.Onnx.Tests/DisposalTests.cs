using System.Diagnostics;
using Vrs.Onnx.Graph;

namespace Vrs.Onnx.Tests;

/// <summary>Native objects are released on dispose, and long runs keep memory flat.</summary>
[Collection(nameof(MemorySensitive))]
public sealed class DisposalTests
{
    [Fact]
    public void Session_tensor_and_result_handles_are_closed_after_dispose()
    {
        InferenceSession session = TestModels.Open(TestGraphs.Identity(TensorElementType.Float32));
        OnnxTensor<float> x = OnnxTensor.FromArray(new float[] { 1, 2 }, 1, 2);
        RunResult result = session.Run(("x", x));

        result.Dispose();
        x.Dispose();
        session.Dispose();

        Assert.True(result.IsDisposed);
        Assert.True(x.IsDisposed);
        Assert.True(session.IsNativeHandleClosed);
        Assert.Throws<ObjectDisposedException>(() => session.Run(("x", x)));
        Assert.Throws<ObjectDisposedException>(() => x.Span.ToArray());
        Assert.Throws<ObjectDisposedException>(() => result.GetShape(0));
    }

    [Fact]
    public void A_detached_output_outlives_its_result_and_feeds_the_next_run_without_a_copy()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Identity(TensorElementType.Float32));
        using OnnxTensor<float> x = OnnxTensor.FromArray(new float[] { 1, 2, 3 }, 1, 3);
        OnnxTensor carried;
        using (RunResult first = session.Run(("x", x)))
        {
            carried = first.Detach("y");
            Assert.Throws<ObjectDisposedException>(() => first.GetShape(0));
        }

        using (carried)
        using (RunResult second = session.Run(("x", carried)))
        {
            Assert.Equal([1L, 3L], carried.Shape.ToArray());
            Assert.Equal([1f, 2f, 3f], second.ToArray<float>("y"));
        }

        Assert.True(carried.IsDisposed);
    }

    [Fact]
    public void Ten_thousand_prepared_runs_allocate_no_managed_memory()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.AddMul());
        using OnnxTensor<float> a = OnnxTensor.Allocate<float>([2, 3]);
        using OnnxTensor<float> b = OnnxTensor.Allocate<float>([2, 3]);
        using OnnxTensor<float> c = OnnxTensor.Allocate<float>([2, 3]);
        using OnnxTensor<float> y = OnnxTensor.Allocate<float>([2, 3]);
        using OnnxTensor<long> shape = OnnxTensor.Allocate<long>([2]);
        using SessionRunner runner = session.CreateRunner();
        runner.BindInput("a", a);
        runner.BindInput("b", b);
        runner.BindInput("c", c);
        runner.BindOutput("y", y);
        runner.BindOutput("y_shape", shape);
        a.Span.Fill(1);
        b.Span.Fill(2);
        c.Span.Fill(3);
        for (int i = 0; i < 100; i++)
        {
            runner.Run();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            a.Span[0] = i;
            runner.Run();
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal((9_999f + 2) * 3, y.Span[0]);
        Assert.Equal(9f, y.Span[5]);
        Assert.Equal([2L, 3L], shape.Span.ToArray());
    }

    [Fact]
    public void Ten_thousand_allocating_runs_keep_native_memory_flat()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.MatMul());
        using OnnxTensor<float> x = OnnxTensor.FromArray(OperatorTests.Sequence(64 * 64, 0, 0.001f), 64, 64);
        using OnnxTensor<float> w = OnnxTensor.FromArray(OperatorTests.Sequence(64 * 64, 1, -0.001f), 64, 64);
        RunMany(session, x, w, 1_000);
        long baseline = ResidentBytes();

        RunMany(session, x, w, 10_000);
        long growth = ResidentBytes() - baseline;

        // Each run returns a 16 KiB output; a leak of one per run would be 160 MB.
        Assert.True(growth < 16L << 20, $"resident memory grew by {growth / 1024} KiB over 10,000 runs");
    }

    [Fact]
    public void Ten_thousand_tensors_and_results_are_released()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.Identity(TensorElementType.UInt8));
        CreateAndDropTensors(session, 1_000);
        long baseline = ResidentBytes();

        CreateAndDropTensors(session, 10_000);
        long growth = ResidentBytes() - baseline;

        Assert.True(growth < 16L << 20, $"resident memory grew by {growth / 1024} KiB over 10,000 tensors");
    }

    private static void CreateAndDropTensors(InferenceSession session, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using OnnxTensor<byte> x = OnnxTensor.Allocate<byte>([32, 64]);
            using RunResult result = session.Run(("x", x));
            Assert.Equal(2048, result.GetData<byte>(0).Length);
        }
    }

    private static void RunMany(InferenceSession session, OnnxTensor x, OnnxTensor w, int count)
    {
        for (int i = 0; i < count; i++)
        {
            using RunResult result = session.Run(("x", x), ("w", w));
            Assert.Equal(64 * 64, result.GetData<float>(0).Length);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    private static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}

/// <summary>Memory measurements must not overlap other tests' runs.</summary>
[CollectionDefinition(nameof(MemorySensitive), DisableParallelization = true)]
public sealed class MemorySensitive
{
}
