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
