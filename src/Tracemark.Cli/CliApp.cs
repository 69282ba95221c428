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
        var root = new RootCommand(
            """
            Tracemark answers, for a leaked file of Chinese personal data: what is in it, is it new, who leaked it,
            who is affected, who sells it. Start with `tracemark synth` to make synthetic leak files to try it on,
            and `tracemark identify VALUE` to check a single identifier.
            """);
        var details = new Dictionary<Command, string>();
        foreach (var (command, text) in new[] { ScanCommand.Create(terminal), StoreCommands.Ingest(terminal), StoreCommands.Compare(terminal), StoreCommands.Datasets(terminal), StoreCommands.Store(terminal), TraceCommands.Owner(terminal), TraceCommands.Canary(terminal), TraceCommands.Trace(terminal), ExposureCommands.Publish(terminal), ExposureCommands.Serve(terminal), ExposureCommands.Check(terminal), IntelCommand.Create(terminal), EvalCommand.Create(terminal), IdentifyCommand.Create(terminal), RedactCommand.Create(terminal), SynthCommand.Create(terminal) })
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

    public static async Task<int> RunAsync(string[] args, Terminal terminal)
    {
        var root = Build(terminal);
        var parsed = root.Parse(args);
        var config = new InvocationConfiguration { Output = terminal.Out, Error = terminal.Error, EnableDefaultExceptionHandler = false };
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await terminal.Error.WriteLineAsync("tracemark: " + error.Message).ConfigureAwait(false);
            }

            await terminal.Error.WriteLineAsync("Run 'tracemark --help' (or 'tracemark COMMAND --help') for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(config).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await terminal.Error.WriteLineAsync("tracemark: cancelled").ConfigureAwait(false);
            return ExitCodes.InputProblems;
        }
        catch (Exception ex) when (ex is Tracemark.Store.StoreException or Tracemark.Exposure.ExposureException or HttpRequestException)
        {
            await terminal.Error.WriteLineAsync("tracemark: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.InputProblems;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await terminal.Error.WriteLineAsync("tracemark: " + ex.Message).ConfigureAwait(false);
            return ex is ArgumentException ? ExitCodes.Usage : ExitCodes.InputProblems;
        }
        catch (Exception ex)
        {
            await terminal.Error.WriteLineAsync($"tracemark: internal error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            await terminal.Error.WriteLineAsync(ex.StackTrace).ConfigureAwait(false);
            return ExitCodes.Internal;
        }
    }
}
