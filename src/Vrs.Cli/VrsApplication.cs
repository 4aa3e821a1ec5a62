using System.CommandLine;
using Vrs.Cli.Commands;

namespace Vrs.Cli;

/// <summary>Builds the command tree and runs it; the only place that knows every command.</summary>
internal static class VrsApplication
{
    public static RootCommand BuildRootCommand()
    {
        var root = new RootCommand("vrs — video reasoning segmentation: masks from a video and a sentence, and official benchmark scores.");
        root.Subcommands.Add(EvalCommand.Build());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(TrackCommand.Build());
        root.Subcommands.Add(GroundCommand.Build());
        root.Subcommands.Add(SegmentCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        RootCommand root = BuildRootCommand();
        ParseResult parse = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(3),
            Output = output ?? global::System.Console.Out,
            Error = error ?? global::System.Console.Error,
        };
        if (parse.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError parseError in parse.Errors)
            {
                await configuration.Error.WriteLineAsync($"error: {parseError.Message}");
            }

            await configuration.Error.WriteLineAsync($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(configuration);
    }

    /// <summary>"vrs", "vrs eval", "vrs models check": the words that name the command a parse stopped in.</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = result; r is not null; r = r.Parent)
        {
            if (r is System.CommandLine.Parsing.CommandResult command && command.Command is not RootCommand)
            {
                names.Insert(0, command.Command.Name);
            }
        }

        names.Insert(0, "vrs");
        return string.Join(' ', names);
    }
}
