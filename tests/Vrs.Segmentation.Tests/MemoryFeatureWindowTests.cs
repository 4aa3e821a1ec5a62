using Vrs.Onnx;
using Vrs.Onnx.Contracts;

namespace Vrs.Segmentation.Tests;

/// <summary>The reused mem_feats window always holds exactly the asked memories, widened, in the asked order.</summary>
public sealed class MemoryFeatureWindowTests
{
    private const int Elements = Sam2Contract.MemDim * Sam2Contract.FeatureSize * Sam2Contract.FeatureSize;

    [Fact]
    public void Sliding_reordered_rewritten_and_growing_requests_all_give_a_fresh_conversion()
    {
        _ = TestBundle.Directory; // loads ONNX Runtime (the window's tensors are OrtValues)
        var random = new Random(5);
        Half[][] pool = [.. Enumerable.Range(0, 30).Select(_ => NewMemory(random))];
        using var window = new MemoryFeatureWindow(16);
        var requests = new List<Half[][]>();
        for (int t = 1; t < 40; t++)
        {
            // Forward tracking: newest first, up to six recent ones, the prompt (pool[0]) last.
            requests.Add([.. Enumerable.Range(1, Math.Min(6, t)).Select(d => pool[1 + ((t - d) % 29)]), pool[0]]);
        }

        for (int t = 38; t > 2; t--)
        {
            requests.Add([.. Enumerable.Range(1, 6).Select(d => pool[1 + ((t + d) % 29)]), pool[0]]);
        }

        for (int i = 0; i < 30; i++)
        {
            requests.Add([.. Enumerable.Range(0, random.Next(1, 20)).Select(_ => pool[random.Next(pool.Length)])]);
        }

        foreach (Half[][] request in requests)
        {
            // The predictor re-encodes recycled memories: the window must forget what it widened from them.
            Half[] rewritten = pool[random.Next(pool.Length)];
            window.Forget(rewritten);
            random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(rewritten.AsSpan()));
            for (int i = 0; i < rewritten.Length; i++)
            {
                rewritten[i] = Half.IsNaN(rewritten[i]) ? Half.Zero : rewritten[i];
            }

            OnnxTensor<float> tensor = window.Fill(request);
            Assert.Equal([1, request.Length, Sam2Contract.MemDim, Sam2Contract.FeatureSize, Sam2Contract.FeatureSize], tensor.Shape.ToArray());
            float[] expected = new float[request.Length * Elements];
            for (int i = 0; i < request.Length; i++)
            {
                System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(request[i], expected.AsSpan(i * Elements, Elements));
            }

            Assert.True(tensor.Span.SequenceEqual(expected));
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Tracking_in_the_schedule_s_order_widens_about_two_memories_a_frame(bool reverse)
    {
        // The memories the schedule names, frame after frame, as the predictor asks for them (one prompted frame).
        _ = TestBundle.Directory;
        const int Frames = 200;
        var bank = new MemoryBank<Half[]>(Frames, numMaskmem: 7, maxObjectPointers: 16);
        int prompt = reverse ? Frames - 1 : 0;
        var stored = new Dictionary<int, Half[]>();
        Half[] Memory(int frame) => stored.TryGetValue(frame, out Half[]? m) ? m : stored[frame] = new Half[Elements];
        bank.SetConditioning(prompt, Memory(prompt));
        bank.MarkTracked(prompt, reverse);
        using var window = new MemoryFeatureWindow(16);
        int tracked = 0;
        for (int step = 1; step < Frames; step++)
        {
            int t = reverse ? prompt - step : prompt + step;
            MemorySchedule schedule = bank.Schedule(t, reverse);
            window.Fill([.. schedule.Spatial.Select(r => Memory(r.Frame))]);
            bank.SetNonConditioning(t, Memory(t));
            bank.MarkTracked(t, reverse);
            tracked++;
        }

        // Past the first frames the window slides: the prompt's slot and the newest memory, plus a refill of 7 every 9 frames.
        double perFrame = (double)window.Widenings / tracked;
        Assert.True(perFrame < 3.0, $"{perFrame:F2} widenings per frame");
    }

    private static Half[] NewMemory(Random random)
    {
        var memory = new Half[Elements];
        for (int i = 0; i < memory.Length; i++)
        {
            memory[i] = (Half)((random.NextSingle() * 8) - 4);
        }

        return memory;
    }
}
