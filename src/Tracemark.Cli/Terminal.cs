using Spectre.Console;

namespace Tracemark.Cli;

/// <summary>Where a command reads and writes: a Spectre console for people, raw writers for machine output and errors.</summary>
/// <param name="Console">Tables, progress and messages for people.</param>
/// <param name="Out">Machine output (JSON).</param>
/// <param name="Error">Errors and usage messages.</param>
/// <param name="OpenInput">Standard input as bytes (scans sniff its encoding; identify reads it as UTF-8 text).</param>
internal sealed record Terminal(IAnsiConsole Console, TextWriter Out, TextWriter Error, Func<Stream> OpenInput)
{
    public static Terminal FromConsole() => new(AnsiConsole.Console, System.Console.Out, System.Console.Error, System.Console.OpenStandardInput);

    /// <summary>Standard input as bytes.</summary>
    public Stream Input => OpenInput();

    /// <summary>A terminal writing plain text (no colour, no live progress) to the given writers; for tests and pipes.</summary>
    public static Terminal Plain(TextWriter output, TextWriter error, byte[]? input = null, int width = 120)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return new Terminal(console, output, error, () => new MemoryStream(input ?? [], writable: false));
    }

    /// <summary>True when live progress bars make sense (an interactive terminal).</summary>
    public bool IsInteractive => Console.Profile.Capabilities.Interactive;
}
