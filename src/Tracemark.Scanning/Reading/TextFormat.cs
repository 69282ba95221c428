namespace Tracemark.Scanning.Reading;

/// <summary>
/// Decides how decoded text is laid out from its first lines: JSON Lines, a JSON document, delimited (the delimiter
/// that splits the most lines into the same number of fields), or free text. Lines starting with '#' (banners,
/// comments) and blank lines do not vote.
/// </summary>
internal static class TextFormat
{
    private const int SampleLines = 60;
    private static readonly string[] Delimiters = ["----", "\t", ",", "|", ";"];

    public static (TableFormat Format, string? Delimiter) Detect(ReadOnlySpan<char> sample)
    {
        var trimmed = sample.TrimStart("\uFEFF \t\r\n");
        if (trimmed.IsEmpty)
        {
            return (TableFormat.Text, null);
        }

        // JSON Lines when most lines are each a whole object (a broken line is then an error at its line, not a
        // reason to read the file as text); a JSON document only when the sample really parses as JSON:
        // "[2025-01-30 11:00] 老王: …" is a chat log.
        if (trimmed[0] == '{' && MostLinesAreObjects(trimmed))
        {
            return (TableFormat.JsonLines, null);
        }

        if (trimmed[0] is '[' or '{' && LooksLikeJson(trimmed))
        {
            return (TableFormat.Json, null);
        }

        // Lines are counted twice: as physical lines, and as records whose quoted fields may hold line breaks (a
        // CSV cell with an address on two lines). Each delimiter keeps its better score, so a stray quote in a dump
        // cannot hide a delimiter that the physical lines show.
        string? best = null;
        var bestScore = 0.0;
        foreach (var lines in new[] { SampleRecords(sample, trimmed, quoteAware: false), SampleRecords(sample, trimmed, quoteAware: true) })
        {
            foreach (var d in Delimiters)
            {
                var score = Score(sample, lines, d);
                if (score > bestScore)
                {
                    best = d;
                    bestScore = score;
                }
            }
        }

        return best switch
        {
            null => (TableFormat.Text, null),
            "\t" => (TableFormat.Tsv, best),
            "," or ";" => (TableFormat.Csv, best),
            _ => (TableFormat.Dump, best),
        };
    }

    private static List<Range> SampleRecords(ReadOnlySpan<char> sample, ReadOnlySpan<char> trimmed, bool quoteAware)
    {
        var lines = new List<Range>();
        var rest = trimmed;
        var offset = sample.Length - trimmed.Length;
        while (lines.Count < SampleLines && !rest.IsEmpty)
        {
            var nl = quoteAware ? RecordEnd(rest) : rest.IndexOf('\n');
            var len = nl < 0 ? rest.Length : nl;

            // The last line of a sample may be cut short: keep it only when it is all there is.
            if (nl >= 0 || lines.Count == 0)
            {
                var line = rest[..len].TrimEnd('\r');
                if (!line.IsWhiteSpace() && line.TrimStart()[0] != '#')
                {
                    lines.Add(new Range(offset, offset + line.Length));
                }
            }

            if (nl < 0)
            {
                break;
            }

            rest = rest[(nl + 1)..];
            offset += nl + 1;
        }

        return lines;
    }

    // The line break that ends a record: the first one outside double quotes.
    private static int RecordEnd(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"')
            {
                quoted = !quoted;
            }
            else if (text[i] == '\n' && !quoted)
            {
                return i;
            }
        }

        return -1;
    }

    private static double Score(ReadOnlySpan<char> sample, List<Range> lines, string d)
    {
        var counts = new Dictionary<int, int>();
        var present = 0;
        foreach (var r in lines)
        {
            var n = Count(sample[r], d);
            counts[n] = counts.GetValueOrDefault(n) + 1;
            if (n > 0)
            {
                present++;
            }
        }

        var (modal, votes) = counts.Where(kv => kv.Key > 0).OrderByDescending(kv => kv.Value).ThenByDescending(kv => kv.Key).FirstOrDefault();
        if (modal == 0 || lines.Count == 0)
        {
            return 0;
        }

        // Most lines must contain the delimiter; CSV has the same count on every line, while dumps vary (an
        // optional address adds a field), so an exact count only adds weight. More fields is stronger evidence.
        var presence = present / (double)lines.Count;
        var consistency = votes / (double)lines.Count;
        return presence < 0.6 ? 0 : presence * Math.Min(modal, 6) * (0.5 + (0.5 * consistency)) * (lines.Count >= 2 ? 1 : 0.5);
    }

    private static bool MostLinesAreObjects(ReadOnlySpan<char> text)
    {
        int lines = 0, objects = 0;
        foreach (var range in text.Split('\n'))
        {
            // The last piece of a sample may be cut short: it does not vote unless it is the only line.
            if (range.End.Value == text.Length && lines > 0)
            {
                break;
            }

            var line = text[range].Trim("\r \t");
            if (line.IsEmpty)
            {
                continue;
            }

            lines++;
            if (line[0] == '{' && line[^1] == '}' && LooksLikeJson(line, final: true))
            {
                objects++;
            }

            if (lines == SampleLines)
            {
                break;
            }
        }

        return objects > 0 && objects * 2 >= lines;
    }

    private static bool LooksLikeJson(ReadOnlySpan<char> text, bool final = false)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text[..Math.Min(text.Length, 16 * 1024)].ToArray());
        var reader = new System.Text.Json.Utf8JsonReader(bytes, isFinalBlock: final, new System.Text.Json.JsonReaderState(new System.Text.Json.JsonReaderOptions { AllowMultipleValues = true }));
        try
        {
            var tokens = 0;
            while (reader.Read())
            {
                tokens++;
            }

            return tokens > 0;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    // Occurrences of a delimiter outside double quotes (quotes matter only for single-character delimiters).
    private static int Count(ReadOnlySpan<char> line, string delimiter)
    {
        if (delimiter.Length > 1)
        {
            var n = 0;
            var at = 0;
            while ((at = line.IndexOf(delimiter.AsSpan())) >= 0)
            {
                n++;
                line = line[(at + delimiter.Length)..];
            }

            return n;
        }

        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter[0] && !quoted)
            {
                count++;
            }
        }

        return count;
    }
}
