using System.CommandLine;
using System.Globalization;
using Vrs.Benchmarks;
using Vrs.Benchmarks.Evaluation;
using Vrs.Benchmarks.Reports;
using Vrs.Cli.Console;
using Vrs.Media.IO;

namespace Vrs.Cli.Commands;

/// <summary><c>vrs eval</c>: official-protocol scores for any method's predictions.</summary>
internal static class EvalCommand
{
    public static Command Build()
    {
        var benchmark = new Option<string>("--benchmark", "-b")
        {
            Description = "Benchmark whose protocol to apply: " + string.Join(", ", BenchmarkCatalog.Names),
            Required = true,
        };
        var root = new Option<DirectoryInfo>("--root")
        {
            Description = "The benchmark's folder (ground truth in its own layout; frames are not needed)",
            Required = true,
        };
        var split = new Option<string?>("--split")
        {
            Description = "Split to score (default: revos valid, mevis valid_u, reasonvos -, refdavis valid)",
        };
        var pred = new Option<DirectoryInfo>("--pred")
        {
            Description = "Predictions: <pred>/<video>/<exp_id>/<frame>.png (0/255 gray or palette)",
            Required = true,
        };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the scores as JSON (percent) to this file" };
        var csv = new Option<FileInfo?>("--csv") { Description = "Also write one CSV row per expression to this file" };
        var failUnder = new Option<double?>("--fail-under")
        {
            Description = "Exit with code 1 when the overall J&F (percent) is below this value",
        };
        var threads = new Option<int>("--threads", "-j")
        {
            Description = "Worker threads (default: every core)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr" };
        threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--threads must be at least 1");
            }
        });

        var command = new Command("eval", "Score predictions with a benchmark's official protocol (J, F, J&F; ReVOS also R and A)")
        {
            benchmark, root, split, pred, json, csv, failUnder, threads, quiet,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            TextWriter error = parse.InvocationConfiguration.Error;
            try
            {
                string name = parse.GetRequiredValue(benchmark);
                BenchmarkKind kind = BenchmarkCatalog.Parse(name)
                    ?? throw new UsageException($"unknown benchmark \"{name}\"; known: {string.Join(", ", BenchmarkCatalog.Names)}");
                var request = new EvaluationRequest(
                    kind,
                    parse.GetRequiredValue(root).FullName,
                    parse.GetValue(split),
                    parse.GetRequiredValue(pred).FullName);
                using BenchmarkProtocol protocol = BenchmarkCatalog.Open(request);
                var counter = new ProgressCounter(protocol.TotalFrames);
                var display = new ProgressDisplay(error, parse.GetValue(quiet));
                int workers = parse.GetValue(threads);
                var clock = System.Diagnostics.Stopwatch.StartNew();
                BenchmarkReport report = await display.RunAsync("eval", "frames", counter,
                    () => Task.Run(() => BenchmarkEvaluator.Run(protocol, workers, counter, cancellation), cancellation));
                clock.Stop();

                if (parse.GetValue(json) is { } jsonFile)
                {
                    AtomicFile.Write(jsonFile.FullName, stream => JsonReportWriter.Write(report, stream));
                }

                if (parse.GetValue(csv) is { } csvFile)
                {
                    AtomicFile.WriteText(csvFile.FullName, writer => CsvReportWriter.Write(report, writer));
                }

                ScoreTable.Write(report, clock.Elapsed, output);
                foreach (string warning in protocol.Warnings.Take(20))
                {
                    await error.WriteLineAsync($"warning: {warning}");
                }

                if (protocol.Warnings.Count > 20)
                {
                    await error.WriteLineAsync($"warning: … and {protocol.Warnings.Count - 20} more (see --json / --csv status column)");
                }

                if (parse.GetValue(failUnder) is { } threshold && !(report.Overall.JF >= threshold))
                {
                    await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"fail-under: overall J&F {report.Overall.JF:0.00} is below {threshold:0.00}"));
                    return ExitCodes.Failure;
                }

                return ExitCodes.Success;
            }
            catch (Exception e)
            {
                return CliErrors.Report(e, error);
            }
        });
        return command;
    }
}
