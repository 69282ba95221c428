using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Tracemark.Cli.Commands;

namespace Tracemark.Cli;

/// <summary>Builds the `tracemark` command tree and runs it.</summary>
internal static class CliApp
{
    public static RootCommand Build(Terminal terminal)
    {
        var color = CliOptions.Choice("--color", "When to colour: auto colours only a terminal, and not when NO_COLOR is set; always colours files and pipes too.", ColorMode.Auto, ColorNames);
        color.Recursive = true;
        var root = new RootCommand(
            """
            Tracemark answers, for a leaked file of Chinese personal data: what is in it, is it new, who leaked it,
            who is affected, who sells it. Start with `tracemark synth` to make synthetic leak files to try it on,
            and `tracemark identify VALUE` to check a single identifier.
            """);
        root.Add(color);
        var details = new Dictionary<Command, string>();
        foreach (var (command, text) in new[] { ScanCommand.Create(terminal), StoreCommands.Ingest(terminal), StoreCommands.Compare(terminal), StoreCommands.Datasets(terminal), StoreCommands.Store(terminal), IncidentCommand.Create(terminal), AuditCommand.Create(terminal), FraudCommand.Create(terminal), TraceCommands.Owner(terminal), TraceCommands.Canary(terminal), TraceCommands.Trace(terminal), GuardCommand.Create(terminal), ExposureCommands.Publish(terminal), ExposureCommands.Serve(terminal), ExposureCommands.Check(terminal), ServerCommand.Create(terminal), IntelCommand.Create(terminal), EvalCommand.Create(terminal), IdentifyCommand.Create(terminal), RedactCommand.Create(terminal), SynthCommand.Create(terminal) })
        {
            root.Add(command);
            details[command] = text;
        }

        // Command lists show each command's one-line description; `tracemark COMMAND --help` adds details and examples.
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new HelpWithDetails(help.Action!, details);
        return root;
    }

    private sealed class HelpWithDetails(CommandLineAction standard, Dictionary<Command, string> details) : SynchronousCommandLineAction
    {
        // Like the standard help: `identify --help` must work without the required values.
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var exit = standard is SynchronousCommandLineAction sync ? sync.Invoke(parseResult) : 0;
            if (details.TryGetValue(parseResult.CommandResult.Command, out var text))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Details:");
                foreach (var line in text.Split('\n'))
                {
                    output.WriteLine("  " + line.TrimEnd('\r'));
                }

                output.WriteLine();
            }

            return exit;
        }
    }

    /// <summary>--color, on every command.</summary>
    internal static readonly IReadOnlyDictionary<string, ColorMode> ColorNames = new Dictionary<string, ColorMode>(StringComparer.Ordinal)
    {
        ["auto"] = ColorMode.Auto,
        ["always"] = ColorMode.Always,
        ["never"] = ColorMode.Never,
    };

    public static async Task<int> RunAsync(string[] args, Terminal terminal)
    {
        var root = Build(terminal);
        // `@file` is a file name here, never a response file to expand.
        var parsed = root.Parse(ScanCommand.GatherFailOnFound(args), new ParserConfiguration { ResponseFileTokenReplacer = null });
        var where = Usage.CommandPath(parsed.CommandResult);
        if (parsed.Action is not HelpWithDetails)
        {
            var problems = Usage.Problems(parsed);
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await terminal.Error.WriteLineAsync(problem).ConfigureAwait(false);
                }

                return ExitCodes.Usage;
            }
        }

        terminal.Color = parsed.GetValue(root.Options.OfType<Option<ColorMode>>().Single());
        var config = new InvocationConfiguration { Output = terminal.Out, Error = terminal.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        try
        {
            return await parsed.InvokeAsync(config).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            var (message, exit) = Describe(ex);
            await terminal.Error.WriteLineAsync($"{where}: {message}").ConfigureAwait(false);
            if (exit == ExitCodes.Internal && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TRACEMARK_DEBUG")))
            {
                await terminal.Error.WriteLineAsync(ex.ToString()).ConfigureAwait(false);
            }

            return exit;
        }
    }

    /// <summary>One line for people, and the exit status, for an exception that ended a command.</summary>
    internal static (string Message, int Exit) Describe(Exception ex) => ex switch
    {
        UsageException => (ex.Message, ExitCodes.Usage),
        ArgumentException => (ex.Message, ExitCodes.Usage),
        OperationCanceledException => ("interrupted", ExitCodes.Interrupted),
        Tracemark.Store.StoreException or Tracemark.Exposure.ExposureException or Tracemark.Fraud.FraudInputException => (ex.Message, ExitCodes.InputProblems),
        HttpRequestException http => ($"the service could not be reached: {http.Message}", ExitCodes.InputProblems),
        FileNotFoundException notFound when notFound.FileName is { } file => ($"{file}: no such file", ExitCodes.InputProblems),
        DirectoryNotFoundException => ($"no such folder: {PathIn(ex.Message)}", ExitCodes.InputProblems),
        UnauthorizedAccessException => ($"permission denied: {PathIn(ex.Message)}", ExitCodes.InputProblems),
        IOException => (ex.Message, ExitCodes.InputProblems),
        _ => ($"internal error ({ex.GetType().Name}: {ex.Message}); please report it with the command line (TRACEMARK_DEBUG=1 prints the details)", ExitCodes.Internal),
    };

    // .NET's file messages quote the path: "Could not find a part of the path '/a/b'." → /a/b.
    private static string PathIn(string message)
    {
        var first = message.IndexOf('\'', StringComparison.Ordinal);
        var last = message.LastIndexOf('\'');
        return first >= 0 && last > first ? message[(first + 1)..last] : message;
    }
}
