using System.Net;
using System.Text.RegularExpressions;
using Tracemark.Scanning;

namespace Tracemark.Tests;

/// <summary>
/// What the scanner's recognizers find in the text of a page: masking must leave nothing they take for a whole
/// identifier, in whatever width or disguise it was written.
/// </summary>
public static partial class PrintedIdentifiers
{
    /// <summary>Kinds of full (unmasked) identifiers the scanner finds in the visible text and tooltips of an HTML page.</summary>
    public static IReadOnlyList<string> InHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = WebUtility.HtmlDecode(Tags().Replace(Hidden().Replace(html, " "), "\n"));
        return InText(text);
    }

    /// <summary>Kinds of full identifiers the scanner finds in plain text (one record per line).</summary>
    public static IReadOnlyList<string> InText(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tracemark-printed-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(file, text);
            var summary = Scanner.Scan(new ScanOptions { Paths = [file] }, new ScanMonitor(), CancellationToken.None);
            // Masked forms (138****8000) are kinds of their own; credit codes name companies, not people.
            return [.. summary.Occurrences.Keys.Where(k => !k.EndsWith("_masked", StringComparison.Ordinal) && k != "uscc").Order(StringComparer.Ordinal)];
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex("<(style|script)[^>]*>.*?</\\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Hidden();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
