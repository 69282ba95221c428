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

    private sealed class Forward : IFindingSink
    {
        public IIdentifierSink? Sink { get; set; }

        public void Add(IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason) => Sink!.Found(kind, canonical);
    }
}
