namespace Tracemark.Reports;

/// <summary>
/// An alert as `tracemark guard --json` prints it (one per line), a webhook receives it and the store's ledger keeps
/// it: times as ISO 8601 with their offset (docs/guard.md).
/// </summary>
public sealed record GuardAlertReport(
    string Channel,
    string From,
    string To,
    string FirstAlert,
    double Score,
    string Kind,
    IReadOnlyList<string> Evidence);

/// <summary>
/// guard-truth.json of `tracemark synth owner --insiders`: the insider episodes a guard must catch, the hard negatives
/// it must not alert on, and the channel-days the log covers (the denominator of false alerts per 1,000 channel-days).
/// </summary>
public sealed record GuardTruthReport(IReadOnlyList<GuardTruthEpisode> Episodes, IReadOnlyList<GuardTruthEpisode> Negatives, long ChannelDays);

/// <summary>
/// An insider episode or a hard negative: its kind (rented_account, bulk_copy, slow_exfiltration, scraping,
/// out_of_scope, collusion, canary; negatives peak_season, new_employee, transfer, night_shift, nightly_export,
/// supervisor, phone_replacement — the words of guard's alert kinds, kept as text like <see cref="GuardAlertReport.Kind"/>),
/// the channels it concerns ("*" for all), its span in UTC, whether it is weeks long (judged against a 7-day delay
/// rather than 12 hours) and what was simulated, in words.
/// </summary>
public sealed record GuardTruthEpisode(string Kind, IReadOnlyList<string> Channels, DateTimeOffset From, DateTimeOffset To, bool Slow, string Detail);
