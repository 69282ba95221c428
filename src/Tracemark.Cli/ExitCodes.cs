namespace Tracemark.Cli;

/// <summary>Process exit codes (README.md, "Exit status").</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked and every input was good.</summary>
    public const int Ok = 0;

    /// <summary>The command ran, but some input was invalid or could not be read; the output says which.</summary>
    public const int InputProblems = 1;

    /// <summary>The command line was wrong (unknown option, bad value).</summary>
    public const int Usage = 2;

    /// <summary>An unexpected internal error; please report it.</summary>
    public const int Internal = 3;
}
