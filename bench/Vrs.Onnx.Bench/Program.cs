using System.Diagnostics;
using System.Globalization;
using Vrs.Onnx;
using Vrs.Onnx.Bench;
using Vrs.Onnx.Tests;

// Per-Run cost of the Vrs.Onnx paths against a bare function-pointer loop on the same tiny model
// (add_mul.onnx: three float[1, 4] inputs, two outputs), one intra-op thread, no spinning, same process.
// Rounds alternate between the paths so drift hits them alike; the median round is reported.
const int Rounds = 7;

// The model is the tests' add_mul graph, built by the graph writer (TestGraphs.AddMul). `--write-model PATH` writes it
// for the C baseline and exits; a run takes ITERATIONS [MODEL] and writes the model itself when none is given.
if (args is ["--write-model", string target])
{
    File.WriteAllBytes(target, TestGraphs.AddMul());
    return 0;
}

int iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
string model = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "vrs-bench-add_mul.onnx");
if (args.Length <= 1)
{
    File.WriteAllBytes(model, TestGraphs.AddMul());
}

OnnxRuntimeInfo info = OnnxRuntime.Load(Environment.GetEnvironmentVariable("VRS_ORT_LIBRARY"));
Console.WriteLine($"onnxruntime {info.Version} at {info.LibraryPath}; {iterations} runs x {Rounds} rounds per path");

using var bare = new BareLoop(info.LibraryPath, model);
using InferenceSession session = InferenceSession.Open(model, new SessionSettings { IntraOpThreads = 1 });
using OnnxTensor<float> a = OnnxTensor.Allocate<float>([1, 4]);
using OnnxTensor<float> b = OnnxTensor.Allocate<float>([1, 4]);
using OnnxTensor<float> c = OnnxTensor.Allocate<float>([1, 4]);
using OnnxTensor<float> y = OnnxTensor.Allocate<float>([1, 4]);
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
bare.Fill(1, 2, 3);

var paths = new (string Name, Action Run)[]
{
    ("bare C API (function pointers)", bare.Run),
    ("SessionRunner.Run (bound buffers)", () => runner.Run()),
    ("InferenceSession.Run (ORT-allocated outputs)", () => { using RunResult r = session.Run(("a", a), ("b", b), ("c", c)); }),
};
var perCall = new List<double>[paths.Length];
var allocated = new long[paths.Length];
for (int p = 0; p < paths.Length; p++)
{
    perCall[p] = [];
    for (int i = 0; i < 2_000; i++)
    {
        paths[p].Run();
    }
}

for (int round = 0; round < Rounds; round++)
{
    for (int p = 0; p < paths.Length; p++)
    {
        Action run = paths[p].Run;
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < iterations; i++)
        {
            run();
        }

        double elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        allocated[p] += GC.GetAllocatedBytesForCurrentThread() - before;
        perCall[p].Add(elapsed / iterations);
    }
}

if (y.Span[0] != 9f || bare.FirstOutput != 9f)
{
    Console.Error.WriteLine($"wrong result: wrapper {y.Span[0]}, bare {bare.FirstOutput} (want 9)");
    return 1;
}

// The lambdas above add one delegate call per run to every path alike; allocations are per run of the path itself.
double baseline = Median(perCall[0]);
Console.WriteLine($"{"path",-46} {"µs/run (median)",16} {"added vs bare",14} {"bytes/run",10}");
for (int p = 0; p < paths.Length; p++)
{
    double median = Median(perCall[p]);
    double bytes = allocated[p] / (double)(Rounds * iterations);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{paths[p].Name,-46} {median,16:F3} {median - baseline,14:F3} {bytes,10:F1}"));
}

// scripts/bench-onnx passes the same loop written in C (bench/bare_run.c), the floor without any .NET transition.
if (double.TryParse(Environment.GetEnvironmentVariable("VRS_BENCH_BARE_C_US"), NumberStyles.Float, CultureInfo.InvariantCulture, out double bareC))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"bare C loop (gcc, bench/bare_run.c)",-46} {bareC,16:F3} {bareC - baseline,14:F3} {"-",10}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SessionRunner.Run adds {Median(perCall[1]) - bareC:F3} µs per run over the C loop, {Median(perCall[1]) - baseline:F3} µs over the C# function-pointer loop"));
}

bool ok = Median(perCall[1]) - Math.Min(baseline, double.IsNaN(bareC) || bareC == 0 ? baseline : bareC) <= 10 && allocated[1] == 0;
Console.WriteLine(ok
    ? "targets met: SessionRunner adds <= 10 µs per run and allocates 0 bytes in steady state"
    : "TARGETS MISSED (<= 10 µs added per run, 0 bytes per run with bound buffers)");
return ok ? 0 : 1;

static double Median(List<double> values)
{
    double[] sorted = [.. values.Order()];
    return sorted[sorted.Length / 2];
}
