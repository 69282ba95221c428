using System.Text.Json.Serialization;
using Tracemark.Scanning;
using Tracemark.Scanning.Analysis;

namespace Tracemark.Reports;

/// <summary>What `tracemark scan --json` prints (docs/scan.md, "Summary JSON"). No identifiers in it.</summary>
public sealed record ScanReport(
    int Files,
    long Records,
    long Persons,
    IReadOnlyDictionary<string, long> Kinds,
    IReadOnlyDictionary<string, long> Occurrences,
    TiersReport Tiers,
    IReadOnlyDictionary<EncodingName, long> Encodings,
    IReadOnlyList<ProblemReport> Errors,
    IReadOnlyList<ProblemReport> Notes,
    long Bytes,
    double ElapsedSeconds,
    DemographicsReport Demographics,
    IReadOnlyList<TableReport> Tables)
{
    /// <summary>Credentials per password shape (plain, md5, sha1, bcrypt, hash); absent when the scan found none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<CredentialShape, long>? Passwords { get; init; }

    /// <summary>The contract of a scan's summary.</summary>
    public static ScanReport From(ScanSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new ScanReport(
            s.Files,
            s.Records,
            s.Persons,
            Counts(s.Kinds),
            Counts(s.Occurrences),
            TiersReport.From(s.Tiers),
            ReportValues.Encodings(Counts(s.Encodings)),
            ProblemReport.List(s.Errors),
            ProblemReport.List(s.Notes),
            s.Bytes,
            Math.Round(s.Elapsed.TotalSeconds, 3),
            DemographicsReport.From(s.Demographics),
            [.. s.Tables.Select(TableReport.From)])
        {
            Passwords = s.Passwords.Count == 0 ? null : ReportValues.PasswordShapes(Counts(s.Passwords)),
        };
    }

    /// <summary>Counts by code in ordinal order of the code, so the same data prints the same text.</summary>
    internal static IReadOnlyDictionary<string, long> Counts(IReadOnlyDictionary<string, long> counts) =>
        new SortedDictionary<string, long>(counts.ToDictionary(), StringComparer.Ordinal);
}

/// <summary>The legal view (Criminal Law Art. 253-1 thresholds) of a scan; categories by code, most sensitive first.</summary>
public sealed record TiersReport(bool Insider, LegalVerdict Verdict, double RatioSerious, double RatioEspeciallySerious, IReadOnlyDictionary<string, TierReport> Categories)
{
    internal static TiersReport From(LegalAssessment t)
    {
        var categories = new Dictionary<string, TierReport>(StringComparer.Ordinal);
        foreach (var c in t.Categories)
        {
            categories[c.Category] = new TierReport(c.Persons, c.Serious, c.EspeciallySerious, Math.Round(c.RatioSerious, 4));
        }

        return new TiersReport(t.Insider, ReportValues.Verdict(t.Verdict), Math.Round(t.RatioSerious, 4), Math.Round(t.RatioEspeciallySerious, 4), categories);
    }
}

/// <summary>One category's persons against its thresholds.</summary>
public sealed record TierReport(long Persons, double Serious, double EspeciallySerious, double RatioSerious);

/// <summary>Victims by province, age band and sex, from the resident IDs.</summary>
public sealed record DemographicsReport(
    long Ids,
    [property: JsonPropertyName("minors_under_14")] long MinorsUnder14,
    IReadOnlyDictionary<string, long> ByProvince,
    IReadOnlyDictionary<string, long> ByAgeBand,
    IReadOnlyDictionary<string, long> BySex)
{
    internal static DemographicsReport From(Demographics d) =>
        new(d.Ids, d.Minors, ScanReport.Counts(d.ByProvince), ScanReport.Counts(d.ByAgeBand), ScanReport.Counts(d.BySex));
}

/// <summary>One table (file, sheet, archive member) and how each column was read.</summary>
public sealed record TableReport(string Source, TableFormatName Format, EncodingName Encoding, long Records, IReadOnlyDictionary<string, long> Findings, IReadOnlyList<ColumnReport> Columns)
{
    internal static TableReport From(TableSummary t) =>
        new(t.Source, ReportValues.TableFormat(t.Format), ReportValues.Encoding(t.Encoding), t.Records, ScanReport.Counts(t.Findings), [.. t.Columns.Select(c => new ColumnReport(c.Column, c.Reading, c.Values, c.Found, c.Masked, c.Invalid))]);
}

/// <summary>How one column was read and what it held.</summary>
public sealed record ColumnReport(string Column, string Reading, long Values, long Found, long Masked, long Invalid);

/// <summary>`tracemark scan --against-store --json`: the scan and its comparison with the known leaks.</summary>
public sealed record ScanWithStoreReport(ScanReport Scan, ComparisonReport Store);
