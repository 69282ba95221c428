using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tracemark.Scanning.Output;

/// <summary>The summary as JSON (docs/scan.md, "Summary JSON"): a stable contract for machines. No identifiers in it.</summary>
public static class SummaryJson
{
    public static void Write(ScanSummary s, Stream output, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(s);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteNumber("files", s.Files);
        w.WriteNumber("records", s.Records);
        w.WriteNumber("persons", s.Persons);
        Counts(w, "kinds", s.Kinds);
        Counts(w, "occurrences", s.Occurrences);

        w.WriteStartObject("tiers");
        w.WriteBoolean("insider", s.Tiers.Insider);
        w.WriteString("verdict", s.Tiers.Verdict);
        w.WriteNumber("ratio_serious", Math.Round(s.Tiers.RatioSerious, 4));
        w.WriteNumber("ratio_especially_serious", Math.Round(s.Tiers.RatioEspeciallySerious, 4));
        w.WriteStartObject("categories");
        foreach (var t in s.Tiers.Categories)
        {
            w.WriteStartObject(t.Category);
            w.WriteNumber("persons", t.Persons);
            w.WriteNumber("serious", t.Serious);
            w.WriteNumber("especially_serious", t.EspeciallySerious);
            w.WriteNumber("ratio_serious", Math.Round(t.RatioSerious, 4));
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();

        Counts(w, "encodings", s.Encodings);
        Messages(w, "errors", s.Errors);
        Messages(w, "notes", s.Notes);
        w.WriteNumber("bytes", s.Bytes);
        w.WriteNumber("elapsed_seconds", Math.Round(s.Elapsed.TotalSeconds, 3));

        w.WriteStartObject("demographics");
        w.WriteNumber("ids", s.Demographics.Ids);
        w.WriteNumber("minors_under_14", s.Demographics.Minors);
        Counts(w, "by_province", s.Demographics.ByProvince);
        Counts(w, "by_age_band", s.Demographics.ByAgeBand);
        Counts(w, "by_sex", s.Demographics.BySex);
        w.WriteEndObject();

        w.WriteStartArray("tables");
        foreach (var t in s.Tables)
        {
            w.WriteStartObject();
            w.WriteString("source", t.Source);
            w.WriteString("format", t.Format);
            w.WriteString("encoding", t.Encoding);
            w.WriteNumber("records", t.Records);
            Counts(w, "findings", t.Findings);
            w.WriteStartArray("columns");
            foreach (var c in t.Columns)
            {
                w.WriteStartObject();
                w.WriteString("column", c.Column);
                w.WriteString("reading", c.Reading);
                w.WriteNumber("values", c.Values);
                w.WriteNumber("found", c.Found);
                w.WriteNumber("masked", c.Masked);
                w.WriteNumber("invalid", c.Invalid);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Messages(Utf8JsonWriter w, string name, IReadOnlyList<Input.ScanError> messages)
    {
        w.WriteStartArray(name);
        foreach (var e in messages)
        {
            w.WriteStartObject();
            w.WriteString("source", e.Source);
            if (e.Record is { } r)
            {
                w.WriteNumber("record", r);
            }
            else
            {
                w.WriteNull("record");
            }

            w.WriteString("message", e.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Counts(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, long> counts)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(key, value);
        }

        w.WriteEndObject();
    }
}
