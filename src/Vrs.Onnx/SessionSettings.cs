namespace Vrs.Onnx;

/// <summary>How a session is built. Threads 0 = ONNX Runtime's default (one per physical core).</summary>
public sealed record SessionSettings
{
    public static SessionSettings Default { get; } = new();

    public int IntraOpThreads { get; init; }

    /// <summary>Only used with <see cref="ParallelExecution"/>.</summary>
    public int InterOpThreads { get; init; }

    public bool ParallelExecution { get; init; }

    public GraphOptimizationLevel OptimizationLevel { get; init; } = GraphOptimizationLevel.All;

    public DeviceSpec Device { get; init; } = DeviceSpec.Cpu;

    /// <summary>CUDA arena limit in bytes (<c>gpu_mem_limit</c>); null = ONNX Runtime's default (no limit).</summary>
    public long? CudaMemoryLimitBytes { get; init; }

    /// <summary>
    /// Let ORT's worker threads spin after a run. Off by default: a CLI alternates decoding and inference, and
    /// spinning threads would burn the cores the decoder needs (<c>session.intra_op.allow_spinning</c>).
    /// </summary>
    public bool AllowSpinning { get; init; }
}
