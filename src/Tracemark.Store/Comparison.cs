using Tracemark.Scanning;

namespace Tracemark.Store;

/// <summary>How old a leak is, as the trade grades it (docs/domain.md §4).</summary>
/// <param name="Grade">real-time, overnight, historical, or undetermined (no record times and mostly unknown).</param>
/// <param name="Reasons">The signals behind the grade, in plain words.</param>
public sealed record Freshness(string Grade, IReadOnlyList<string> Reasons)
{
    /// <summary>The same reasons as data (one per entry of <see cref="Reasons"/>, in order), for wording them in another language.</summary>
    public IReadOnlyList<FreshnessReason> Signals { get; init; } = [];
}

/// <summary>Which signal a freshness reason reports (<see cref="FreshnessReason"/>).</summary>
public enum FreshnessSignal
{
    /// <summary>The share of the identifiers already in known leaks (<see cref="FreshnessReason.Share"/> of <see cref="FreshnessReason.Identifiers"/>).</summary>
    KnownShare,

    /// <summary>The data carries no record times: its age is unknown.</summary>
    NoRecordTimes,

    /// <summary>The newest record's time and its age in days on the date seen.</summary>
    NewestRecord,

    /// <summary>The newest record is after the date seen: times may be forged or the date wrong.</summary>
    NewestAfterSeen,

    /// <summary>Older than <see cref="FreshnessReason.Days"/> days (the overnight limit).</summary>
    Older,

    /// <summary>The known share is at least <see cref="FreshnessReason.Limit"/>, what a fresher grade allows.</summary>
    TooMuchKnown,
}

/// <summary>
/// One signal behind a freshness grade with its figures; <see cref="English"/> words it as `compare` prints it, and a
/// page in another language words it from <see cref="Signal"/> and the figures (never by matching the English).
/// </summary>
public sealed record FreshnessReason(FreshnessSignal Signal, double Share, long Identifiers, DateTime? Newest, int Days, DateOnly Seen, double Limit)
{
    /// <summary>The reason as `compare` prints it.</summary>
    public string English() => Signal switch
    {
        FreshnessSignal.KnownShare => $"{Share:P1} of its {Identifiers:N0} identifiers are already in known leaks",
        FreshnessSignal.NoRecordTimes => "the data carries no record times (下单时间, 入住时间 …), so its age is unknown",
        FreshnessSignal.NewestRecord => $"the newest record is from {Newest:yyyy-MM-dd HH:mm}, {Days} day(s) before it was seen ({Seen:yyyy-MM-dd})",
        FreshnessSignal.NewestAfterSeen => $"the newest record ({Newest:yyyy-MM-dd HH:mm}) is after the date seen ({Seen:yyyy-MM-dd}); times may be forged or the date wrong",
        FreshnessSignal.Older => $"older than {Days} days",
        _ => $"{Share:P0} known is at least the {Limit:P0} a fresher grade allows",
    };
}

/// <summary>
/// The freshness thresholds (docs/domain.md §4 defaults): real-time = newest record at most 1 day before the leak was
/// seen and under 10 % already known; overnight = at most 7 days and under 50 % known; historical otherwise.
/// </summary>
public sealed record FreshnessRules
{
    /// <summary>Most days between the newest record and the date seen, for real-time.</summary>
    public int RealTimeDays { get; init; } = 1;

    /// <summary>Known share below which data can be real-time.</summary>
    public double RealTimeKnown { get; init; } = 0.10;

    /// <summary>Most days for overnight.</summary>
    public int OvernightDays { get; init; } = 7;

    /// <summary>Known share below which data can be overnight.</summary>
    public double OvernightKnown { get; init; } = 0.50;

    /// <summary>Grades a leak seen on <paramref name="seen"/> with its newest record time and known share.</summary>
    public Freshness Grade(DateOnly seen, DateTime? newest, long identifiers, long known)
    {
        var share = identifiers == 0 ? 0 : (double)known / identifiers;
        var signals = new List<FreshnessReason> { new(FreshnessSignal.KnownShare, share, identifiers, null, 0, seen, 0) };
        Freshness Graded(string grade) => new(grade, [.. signals.Select(s => s.English())]) { Signals = signals };
        if (newest is null)
        {
            signals.Add(new(FreshnessSignal.NoRecordTimes, share, identifiers, null, 0, seen, 0));
            return Graded(share >= OvernightKnown ? "historical" : "undetermined");
        }

        var age = seen.DayNumber - DateOnly.FromDateTime(newest.Value).DayNumber;
        signals.Add(new(age >= 0 ? FreshnessSignal.NewestRecord : FreshnessSignal.NewestAfterSeen, share, identifiers, newest, age, seen, 0));
        var days = Math.Max(age, 0);
        if (days <= RealTimeDays && share < RealTimeKnown)
        {
            return Graded("real-time");
        }

        if (days <= OvernightDays && share < OvernightKnown)
        {
            return Graded("overnight");
        }

        signals.Add(days > OvernightDays
            ? new(FreshnessSignal.Older, share, identifiers, newest, OvernightDays, seen, 0)
            : new(FreshnessSignal.TooMuchKnown, share, identifiers, newest, days, seen, days <= RealTimeDays ? RealTimeKnown : OvernightKnown));
        return Graded("historical");
    }
}

/// <summary>Known and new identifiers of one kind.</summary>
public sealed record KindOverlap(string Kind, long Identifiers, long Known);

/// <summary>One known leak the input overlaps.</summary>
public sealed record DatasetOverlap(string Name, string Category, DateOnly Seen, long Overlap, double ShareOfInput);

/// <summary>
/// What a seller's "test sample" shows: entries that fail validation (fabricated padding), repeats, and entries
/// already in known leaks (recycled data sold as new).
/// </summary>
/// <param name="Values">Identifier values read (valid or not, masked excluded).</param>
/// <param name="Invalid">Values in identifier columns that fail their kind's rules (check digits, dates, segments).</param>
/// <param name="Duplicates">Valid identifiers that repeat an earlier one in the input.</param>
/// <param name="Known">Distinct identifiers already in known leaks.</param>
/// <param name="Verdict">A plain reading of the three.</param>
public sealed record SampleCheck(long Values, long Invalid, long Duplicates, long Known, string Verdict);

/// <summary>One input compared with the store.</summary>
/// <param name="Input">The paths compared.</param>
/// <param name="Identifiers">Distinct identifiers of the kinds the store keeps.</param>
/// <param name="Known">How many of them are in at least one known leak.</param>
/// <param name="New">How many are in none.</param>
/// <param name="Kinds">The same per kind.</param>
/// <param name="Datasets">Known leaks it overlaps, largest overlap first.</param>
/// <param name="EarliestFirstSeen">The earliest date any of its identifiers was seen in a known leak.</param>
/// <param name="SameAs">A dataset with exactly the same content, when there is one.</param>
/// <param name="Freshness">The grade and why.</param>
/// <param name="Sample">The test-sample view.</param>
/// <param name="Scan">The scan behind it.</param>
public sealed record Comparison(
    string Input,
    long Identifiers,
    long Known,
    long New,
    IReadOnlyList<KindOverlap> Kinds,
    IReadOnlyList<DatasetOverlap> Datasets,
    DateOnly? EarliestFirstSeen,
    string? SameAs,
    Freshness Freshness,
    SampleCheck Sample,
    ScanSummary Scan);

/// <summary>What an ingest did.</summary>
/// <param name="Dataset">The dataset as stored.</param>
/// <param name="Outcome">"added", "resumed" (an interrupted ingest finished) or "unchanged" (same content already stored).</param>
/// <param name="Scan">The scan behind it (null when nothing was read).</param>
public sealed record IngestResult(Dataset Dataset, string Outcome, ScanSummary? Scan);
