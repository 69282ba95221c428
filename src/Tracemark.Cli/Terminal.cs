using System.Globalization;
using Spectre.Console;

namespace Tracemark.Cli;

/// <summary>When to colour output (--color).</summary>
internal enum ColorMode
{
    /// <summary>Colour when the stream is a terminal and NO_COLOR is unset or empty (the default).</summary>
    Auto,

    /// <summary>Always colour, even into files and pipes (for `less -R`).</summary>
    Always,

    /// <summary>Never colour or style.</summary>
    Never,
}

/// <summary>What the process runs attached to: which streams are terminals, their width, the environment.</summary>
/// <param name="OutIsTerminal">Standard output is a terminal (not a file or pipe).</param>
/// <param name="ErrorIsTerminal">Standard error is a terminal.</param>
/// <param name="TerminalWidth">The terminal's width in columns, when one could be asked.</param>
/// <param name="Environment">Looks up an environment variable (NO_COLOR, COLUMNS, TERM).</param>
internal sealed record TerminalFacts(bool OutIsTerminal, bool ErrorIsTerminal, int? TerminalWidth, Func<string, string?> Environment)
{
    /// <summary>The facts of this process.</summary>
    public static TerminalFacts FromConsole()
    {
        var outTerminal = !System.Console.IsOutputRedirected;
        var errorTerminal = !System.Console.IsErrorRedirected;
        int? width = null;
        if (outTerminal || errorTerminal)
        {
            try
            {
                width = System.Console.WindowWidth is > 0 and var w ? w : null;
            }
            catch (IOException)
            {
                // No terminal to ask after all (a detached session).
            }
        }

        return new TerminalFacts(outTerminal, errorTerminal, width, System.Environment.GetEnvironmentVariable);
    }

    /// <summary>Facts for tests and pipes: nothing is a terminal, and the given variables are the environment.</summary>
    public static TerminalFacts Redirected(IReadOnlyDictionary<string, string>? environment = null) =>
        new(false, false, null, name => environment is not null && environment.TryGetValue(name, out var v) ? v : null);
}

/// <summary>
/// Where a command reads and writes (docs/cli.md): data on standard output — tables for people through
/// <see cref="Console"/>, JSON through <see cref="Out"/> — and everything else on standard error: progress through
/// <see cref="Progress"/> (only when standard error is a terminal) and messages through <see cref="Error"/>.
/// Colour follows --color (<see cref="Color"/>, set before a command runs), NO_COLOR and whether the stream is a
/// terminal; the width of tables is the terminal's, else $COLUMNS, else 80.
/// </summary>
internal sealed class Terminal
{
    /// <summary>The width of tables when standard output is not a terminal and $COLUMNS is not set.</summary>
    public const int DefaultWidth = 80;

    private readonly TerminalFacts _facts;
    private readonly Func<Stream> _openInput;
    private IAnsiConsole? _console;
    private IAnsiConsole? _progress;

    public Terminal(TextWriter output, TextWriter error, Func<Stream> openInput, TerminalFacts facts)
    {
        Out = output;
        Error = error;
        _openInput = openInput;
        _facts = facts;
    }

    public static Terminal FromConsole() =>
        new(System.Console.Out, System.Console.Error, System.Console.OpenStandardInput, TerminalFacts.FromConsole()) { _isProcessConsole = true };

    private bool _isProcessConsole;

    /// <summary>A terminal writing to the given writers as to files (no colour, no progress); for tests.</summary>
    public static Terminal Plain(TextWriter output, TextWriter error, byte[]? input = null, int width = 120) =>
        new(output, error, () => new MemoryStream(input ?? [], writable: false), TerminalFacts.Redirected(new Dictionary<string, string> { ["COLUMNS"] = width.ToString(CultureInfo.InvariantCulture) }));

    /// <summary>Machine output (JSON, JSON Lines): standard output, never styled.</summary>
    public TextWriter Out { get; }

    /// <summary>Errors and messages: standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Standard input as bytes.</summary>
    public Stream Input => _openInput();

    /// <summary>--color; set once the command line is parsed, before anything is written.</summary>
    public ColorMode Color
    {
        get => _color;
        set
        {
            _color = value;
            // Without ANSI, Spectre styles text through System.Console's colour calls, and .NET writes a colour reset
            // to a terminal for each of them unless NO_COLOR is set; it reads the variable at its first colour call.
            if (value == ColorMode.Never && _isProcessConsole)
            {
                System.Environment.SetEnvironmentVariable("NO_COLOR", "1");
            }
        }
    }

    private ColorMode _color = ColorMode.Auto;

    /// <summary>Tables and text for people, on standard output.</summary>
    public IAnsiConsole Console => _console ??= Create(Out, _facts.OutIsTerminal, Width, interactive: false);

    /// <summary>Progress bars and spinners, on standard error; use only when <see cref="ShowsProgress"/>.</summary>
    public IAnsiConsole Progress => _progress ??= Create(Error, _facts.ErrorIsTerminal, _facts.TerminalWidth ?? DefaultWidth, interactive: ShowsProgress);

    /// <summary>True when live progress makes sense: standard error is a terminal that can redraw a line.</summary>
    public bool ShowsProgress => _facts.ErrorIsTerminal && !IsDumb;

    /// <summary>The width tables are laid out for: the terminal's, else $COLUMNS, else 80.</summary>
    public int Width
    {
        get
        {
            if (_facts.OutIsTerminal && _facts.TerminalWidth is { } terminal)
            {
                return terminal;
            }

            return int.TryParse(_facts.Environment("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns is >= 20 and <= 1000
                ? columns
                : DefaultWidth;
        }
    }

    /// <summary>Whether a stream gets colour and styles, by --color, NO_COLOR (https://no-color.org) and TERM=dumb.</summary>
    public bool Colors(bool isTerminal) => Color switch
    {
        ColorMode.Always => true,
        ColorMode.Never => false,
        _ => isTerminal && string.IsNullOrEmpty(_facts.Environment("NO_COLOR")) && !IsDumb,
    };

    private bool IsDumb => string.Equals(_facts.Environment("TERM"), "dumb", StringComparison.Ordinal);

    private IAnsiConsole Create(TextWriter writer, bool isTerminal, int width, bool interactive)
    {
        // Without colour, no escape codes at all: Spectre's "no colours" still writes bold and cursor codes when it
        // believes ANSI works, which put styles into files and NO_COLOR terminals.
        var colors = Colors(isTerminal);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colors || interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = !colors ? ColorSystemSupport.NoColors : Color == ColorMode.Always ? ColorSystemSupport.EightBit : ColorSystemSupport.Detect,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        if (!colors)
        {
            console.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
        }

        return console;
    }
}

