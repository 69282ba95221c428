using Tracemark.Identifiers;
using Tracemark.Scanning.Detection;

namespace Tracemark.Scanning.Tests.Detection.Recognizers;

/// <summary>Runs the text scanner on one line and returns what it reports at the default confidence (0.5).</summary>
internal static class Texts
{
    public sealed record Hit(string Kind, string Value, float Confidence, string Reason);

    private sealed class Sink : IFindingSink
    {
        public List<Hit> Hits { get; } = [];

        public void Add(IdentifierKind kind, ReadOnlySpan<char> canonical, float confidence, string reason)
        {
            if (confidence >= 0.5f)
            {
                Hits.Add(new Hit(kind.Code(), canonical.ToString(), confidence, reason));
            }
        }
    }

    public static List<Hit> Scan(string text, params IdentifierKind[] headerKinds)
    {
        var sink = new Sink();
        new TextScanner().Scan(text, 0, int.MaxValue, headerKinds, sink);
        return sink.Hits;
    }

    public static string[] Values(string text, string kind) => [.. Scan(text).Where(h => h.Kind == kind).Select(h => h.Value)];
}
