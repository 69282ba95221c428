using Tracemark.Identifiers;
using Tracemark.Incident.Rules;
using Tracemark.Scanning.Input;
using Tracemark.Store;

namespace Tracemark.Incident;

/// <summary>
/// `incident report --notify FILE.csv`: one row per affected customer for the owner's own messaging system —
/// customer_id, channels (sms, email: what the owner's records allow), the categories of that person's data that
/// leaked, and the SMS text. The owner's customers file is read only to turn keyed tags back into the owner's customer
/// numbers and to see which contact kinds each customer has; no contact value is written.
/// </summary>
internal static class NotifyFile
{
    public const string Header = "customer_id,channels,categories,sms";

    public static int Write(KnownLeakStore store, Dictionary<long, SortedSet<string>> affected, string customersFile, IncidentReport report, TextWriter output)
    {
        var ids = store.OwnerData.CustomerIds();
        using var tagger = store.CreateTagger();
        var canonical = new char[Identifier.MaxCanonicalLength];
        var problems = new List<string>();
        int? idColumn = null, mobileColumn = null, emailColumn = null;
        output.WriteLine(Header);
        var rows = 0;
        var written = new HashSet<long>();
        foreach (var record in TableFile.Read(customersFile, e => problems.Add(e.Message)))
        {
            if (idColumn is null)
            {
                var header = record.Header.Select(h => h.Trim()).ToList();
                idColumn = header.FindIndex(h => h.Equals("customer_id", StringComparison.OrdinalIgnoreCase));
                if (idColumn < 0)
                {
                    throw new StoreException($"{customersFile} line 1: no customer_id column (the owner's customers file, docs/owner-data.md)");
                }

                mobileColumn = header.FindIndex(h => h.Equals("mobile", StringComparison.OrdinalIgnoreCase));
                emailColumn = header.FindIndex(h => h.Equals("email", StringComparison.OrdinalIgnoreCase));
            }

            if (record.IsHeader || idColumn.Value >= record.Fields.Count)
            {
                continue;
            }

            var id = record.Fields[idColumn.Value].Trim();
            if (id.Length == 0 || !ids.TryGetValue(tagger.MakeLabeled("customer", id), out var customer) || !affected.TryGetValue(customer, out var kinds) || !written.Add(customer))
            {
                continue;
            }

            var channels = new List<string>();
            if (Valid(record.Fields, mobileColumn, IdentifierKind.Mobile, canonical))
            {
                channels.Add("sms");
            }

            if (Valid(record.Fields, emailColumn, IdentifierKind.Email, canonical))
            {
                channels.Add("email");
            }

            var categories = Notices.Categories(kinds);
            var sms = Notices.Sms(report.Entity ?? string.Empty, categories, report.Notice.Contact);
            output.WriteLine(string.Join(',', Csv(id), Csv(string.Join(';', channels)), Csv(string.Join(';', categories.Select(c => c.Chinese))), Csv(sms)));
            rows++;
        }

        return problems.Count > 0 && rows == 0
            ? throw new StoreException($"{customersFile}: cannot be read ({string.Join("; ", problems.Take(3))})")
            : rows;
    }

    private static bool Valid(IReadOnlyList<string> fields, int? column, IdentifierKind kind, char[] canonical) =>
        column is >= 0 and var c && c < fields.Count && fields[c].Trim().Length > 0 && Identifier.Check(kind, fields[c].Trim(), canonical).IsValid;

    private static string Csv(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
