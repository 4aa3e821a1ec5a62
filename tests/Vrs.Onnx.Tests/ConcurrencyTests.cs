namespace Vrs.Onnx.Tests;

/// <summary>Many threads run one session at once; dispose waits for them.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public void Eight_threads_running_one_session_all_get_their_own_answers()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.AddMul());
        int wrong = 0;

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            using OnnxTensor<float> a = OnnxTensor.Allocate<float>([1, 4]);
            using OnnxTensor<float> b = OnnxTensor.Allocate<float>([1, 4]);
            using OnnxTensor<float> c = OnnxTensor.Allocate<float>([1, 4]);
            using OnnxTensor<float> y = OnnxTensor.Allocate<float>([1, 4]);
            using OnnxTensor<long> s = OnnxTensor.Allocate<long>([2]);
            using SessionRunner runner = session.CreateRunner();
            runner.BindInput("a", a);
            runner.BindInput("b", b);
            runner.BindInput("c", c);
            runner.BindOutput("y", y);
            runner.BindOutput("y_shape", s);
            for (int i = 0; i < 250; i++)
            {
                a.Span.Fill(thread);
                b.Span.Fill(i);
                c.Span.Fill(2);
                runner.Run();
                if (y.Span[3] != (thread + i) * 2f)
                {
                    Interlocked.Increment(ref wrong);
                }

                using RunResult result = session.Run(("a", a), ("b", b), ("c", c));
                if (result.GetData<float>("y")[0] != (thread + i) * 2f)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task Dispose_waits_for_runs_in_flight_then_refuses_new_ones()
    {
        InferenceSession session = TestModels.Open(TestGraphs.MatMul());
        using OnnxTensor<float> x = OnnxTensor.FromArray(OperatorTests.Sequence(256 * 256, 0, 0.001f), 256, 256);
        using var started = new ManualResetEventSlim();
        int completed = 0;
        int refused = 0;
        Task[] workers = [.. Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            started.Set();
            while (true)
            {
                try
                {
                    using RunResult result = session.Run(("x", x), ("w", x));
                    Assert.Equal(256 * 256, result.GetData<float>(0).Length);
                    Interlocked.Increment(ref completed);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref refused);
                    return;
                }
            }
        }))];
        started.Wait();
        Thread.Sleep(50);

        session.Dispose();

        Assert.True(session.IsNativeHandleClosed);
        await Task.WhenAll(workers);
        Assert.Equal(4, refused);
        Assert.True(completed > 0);
    }

    [Fact]
    public void One_runner_used_from_two_threads_at_once_is_refused_not_corrupted()
    {
        using InferenceSession session = TestModels.Open(TestGraphs.MatMul());
        using OnnxTensor<float> x = OnnxTensor.FromArray(OperatorTests.Sequence(128 * 128, 0, 0.001f), 128, 128);
        using OnnxTensor<float> y = OnnxTensor.Allocate<float>([128, 128]);
        using SessionRunner runner = session.CreateRunner();
        runner.BindInput("x", x);
        runner.BindInput("w", x);
        runner.BindOutput("y", y);
        int refused = 0;
        int succeeded = 0;

        Parallel.For(0, 4, _ =>
        {
            for (int i = 0; i < 50; i++)
            {
                try
                {
                    runner.Run();
                    Interlocked.Increment(ref succeeded);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        });

        runner.Run();
        Assert.Equal(200, succeeded + refused);
        Assert.True(succeeded > 0);
        ReadOnlySpan<float> xs = x.Span;
        float expected = 0;
        for (int k = 0; k < 128; k++)
        {
            expected += xs[k] * xs[k * 128];
        }

        Assert.Equal(expected, y.Span[0], 1e-3f);
    }
}
