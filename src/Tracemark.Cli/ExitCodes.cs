namespace Tracemark.Cli;

/// <summary>Process exit codes (docs/cli.md, "Exit status").</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked and every input was good.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found problems: input that could not be read, invalid values, personal data
    /// under `scan --fail-on-found`; the output says which.</summary>
    public const int InputProblems = 1;

    /// <summary>The command line was wrong (unknown option, bad value, missing input): nothing was done.</summary>
    public const int Usage = 2;

    /// <summary>An unexpected internal error; please report it.</summary>
    public const int Internal = 3;

    /// <summary>Interrupted (Ctrl+C, SIGINT; 128 + 2 as shells report it): what was written so far is complete and closed.</summary>
    public const int Interrupted = 130;
}
