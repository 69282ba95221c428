using Tracemark.Store;

namespace Tracemark.Reports;

/// <summary>One known leak as the store remembers it (`tracemark datasets --json`, and inside an ingest's report).</summary>
public sealed record DatasetReport(
    long Id,
    string Name,
    string Category,
    DateOnly Seen,
    string? Source,
    string ContentHash,
    long Records,
    long Persons,
    long Identifiers,
    IReadOnlyDictionary<string, long> Kinds,
    DateTime? NewestRecord,
    bool Complete)
{
    /// <summary>The contract of a stored dataset.</summary>
    public static DatasetReport From(Dataset d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.Name, d.Category, d.Seen, d.Source, d.ContentHash, d.Records, d.Persons, d.Identifiers, d.Kinds, d.NewestRecord, d.Complete);
    }

    /// <summary>Every dataset, in the store's order.</summary>
    public static IReadOnlyList<DatasetReport> List(IEnumerable<Dataset> datasets) => [.. datasets.Select(From)];
}

/// <summary>What `tracemark ingest --json` prints; Store names the backend and place, as in messages.</summary>
public sealed record IngestReport(IngestOutcome Outcome, DatasetReport Dataset, string Store, IReadOnlyList<ProblemReport> Errors)
{
    /// <summary>The contract of an ingest's result.</summary>
    public static IngestReport From(IngestResult result, string store)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(ReportValues.Outcome(result.Outcome), DatasetReport.From(result.Dataset), store, ProblemReport.List(result.Scan?.Errors));
    }
}

/// <summary>One input compared with the store (`tracemark compare --json` prints a list of these).</summary>
public sealed record ComparisonReport(
    string Input,
    long Records,
    long Persons,
    long Identifiers,
    long Known,
    double KnownShare,
    long New,
    IReadOnlyList<KindOverlapReport> Kinds,
    IReadOnlyList<DatasetOverlapReport> Datasets,
    DateOnly? EarliestFirstSeen,
    string? SameAs,
    DateTime? NewestRecord,
    FreshnessReport Freshness,
    SampleReport Sample,
    IReadOnlyList<ProblemReport> Errors)
{
    /// <summary>The contract of a comparison.</summary>
    public static ComparisonReport From(Comparison r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            r.Input,
            r.Scan.Records,
            r.Scan.Persons,
            r.Identifiers,
            r.Known,
            r.Identifiers == 0 ? 0 : (double)r.Known / r.Identifiers,
            r.New,
            [.. r.Kinds.Select(k => new KindOverlapReport(k.Kind, k.Identifiers, k.Known))],
            [.. r.Datasets.Select(d => new DatasetOverlapReport(d.Name, d.Category, d.Seen, d.Overlap, d.ShareOfInput))],
            r.EarliestFirstSeen,
            r.SameAs,
            r.Scan.NewestRecord,
            new FreshnessReport(ReportValues.Freshness(r.Freshness.Grade), r.Freshness.Reasons),
            new SampleReport(r.Sample.Values, r.Sample.Invalid, r.Sample.Duplicates, r.Sample.Known, r.Sample.Verdict),
            ProblemReport.List(r.Scan.Errors));
    }
}

/// <summary>Known and new identifiers of one kind.</summary>
public sealed record KindOverlapReport(string Kind, long Identifiers, long Known);

/// <summary>One known leak the input overlaps.</summary>
public sealed record DatasetOverlapReport(string Name, string Category, DateOnly Seen, long Overlap, double ShareOfInput);

/// <summary>The freshness grade and the signals behind it.</summary>
public sealed record FreshnessReport(FreshnessGrade Grade, IReadOnlyList<string> Reasons);

/// <summary>The test-sample view: fabricated, repeated and already-known entries.</summary>
public sealed record SampleReport(long Values, long Invalid, long Duplicates, long Known, string Verdict);
