namespace Tracemark.Cli;

/// <summary>
/// A usage mistake found once a command knows more than the parser (a --public name that is no dataset, an --out
/// file that would overwrite canaries): exit 2, one line, thrown before any work.
/// </summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
