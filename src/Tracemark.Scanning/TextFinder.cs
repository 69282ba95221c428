using Tracemark.Identifiers;
using Tracemark.Scanning.Detection;

namespace Tracemark.Scanning;

/// <summary>Receives what <see cref="TextFinder"/> finds.</summary>
public interface IIdentifierSink
{
    /// <summary>One identifier: its kind and canonical value (valid only during the call).</summary>
    void Found(IdentifierKind kind, ReadOnlySpan<char> canonical);
}

/// <summary>
/// Finds identifiers in one piece of free text (a chat post, a note) exactly as the scanner finds them in a leaked
/// file's free-text fields: the same recognizers, validation and context words. One instance per thread: it reuses
/// its buffers, so finding allocates nothing per identifier.
/// </summary>
public sealed class TextFinder
{
    private readonly TextScanner _scanner = new();
    private readonly Forward _forward = new();
    private readonly char[] _credential = new char[Identifier.MaxCanonicalLength];

    /// <summary>Reports every identifier found in <paramref name="text"/> to <paramref name="sink"/>, in order.</summary>
    public void Find(ReadOnlySpan<char> text, IIdentifierSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _forward.Sink = sink;
        try
        {
            _scanner.Scan(text, 0, text.Length, [], _forward);
        }
        finally
        {
            _forward.Sink = null;
        }
    }

    /// <summary>
    /// Reports each line of <paramref name="text"/> holding a credential (<c>账号:… 密码:…</c>, or a whole line
    /// <c>account----password</c>) to <paramref name="sink"/> as kind credential with its pair — normalised account, line
    /// feed, password (<see cref="Identifiers.Kinds.Credential.Pair"/>) — for a caller that tags it and drops it. The
    /// same recognizer as the scanner's free text, line by line.
    /// </summary>
    public void FindCredentials(ReadOnlySpan<char> text, IIdentifierSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        foreach (var line in text.EnumerateLines())
        {
            if (Detection.Recognizers.CredentialRecognizer.TryLine(line, _credential, out var found)
                && Identifiers.Kinds.Credential.Pair(line[found.AccountStart..found.AccountEnd], line[found.PasswordStart..found.PasswordEnd]) is { } pair)
            {
                sink.Found(IdentifierKind.Credential, pair);
            }
        }
    }

    private sealed class Forward : IFindingSink
    {
        public IIdentifierSink? Sink { get; set; }

        public void Add(IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason) => Sink!.Found(kind, canonical);
    }
}
