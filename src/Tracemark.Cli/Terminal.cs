using Spectre.Console;

namespace Tracemark.Cli;

/// <summary>Where a command reads and writes: a Spectre console for people, raw writers for machine output and errors.</summary>
internal sealed record Terminal(IAnsiConsole Console, TextWriter Out, TextWriter Error, TextReader In)
{
    public static Terminal FromConsole() => new(AnsiConsole.Console, System.Console.Out, System.Console.Error, System.Console.In);

    /// <summary>A terminal writing plain text (no colour, no live progress) to the given writers; for tests and pipes.</summary>
    public static Terminal Plain(TextWriter output, TextWriter error, TextReader? input = null, int width = 120)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = width;
        return new Terminal(console, output, error, input ?? TextReader.Null);
    }

    /// <summary>True when live progress bars make sense (an interactive terminal).</summary>
    public bool IsInteractive => Console.Profile.Capabilities.Interactive;
}
