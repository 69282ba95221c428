using Tracemark.Store.Owner;

namespace Tracemark.Store.GuardState;

/// <summary>Where `tracemark guard --follow` stopped reading a log: the byte just after the last complete line, its line number, and the rows it has taken from the log.</summary>
public sealed record GuardCursor(string Source, long Offset, long Line, long Rows);

/// <summary>
/// One alert in the guard's ledger: its key (channel, start and raising time, stable when the alert later grows), the
/// alert as JSON (the guard alert record), whether a follow run has printed it, and its delivery to a webhook.
/// </summary>
public sealed record GuardAlertEntry(string Key, string Json, bool Printed, bool Delivered, int Attempts, string? LastError);

/// <summary>
/// What a running guard keeps between runs (docs/guard.md): the rows it followed from a growing log, in the order it
/// took them, with its position in each log; and the alerts it raised, printed and delivered. The detector itself is
/// deterministic, so the imported history followed by this journal rebuilds exactly the state it had: a restart
/// neither raises an alert twice nor misses one. Rows, position and new alerts of one read are written in one
/// transaction.
/// </summary>
public interface IGuardState
{
    /// <summary>The position reached in <paramref name="source"/> (a log's full path), or null when never followed.</summary>
    GuardCursor? Cursor(string source);

    /// <summary>In one transaction: appends <paramref name="rows"/> to the journal, moves the cursor and adds the alerts not yet in the ledger (unprinted, undelivered).</summary>
    void Advance(GuardCursor cursor, IReadOnlyList<ReplayRow> rows, IReadOnlyList<(string Key, string Json)> alerts);

    /// <summary>The journal in the order the rows were taken; <paramref name="row"/> returns false to stop. Returns the rows read.</summary>
    long Journal(Func<ReplayRow, bool> row);

    /// <summary>Adds alerts not yet in the ledger; <paramref name="printed"/> marks them as already shown (a run that prints as it goes).</summary>
    void Record(IReadOnlyList<(string Key, string Json)> alerts, bool printed);

    /// <summary>Every alert in the ledger, in the order first recorded.</summary>
    IReadOnlyList<GuardAlertEntry> Alerts();

    /// <summary>Marks an alert as printed by a follow run.</summary>
    void Printed(string key);

    /// <summary>Records a delivery attempt: delivered, or failed with the reason (the alert stays to be sent again).</summary>
    void Attempted(string key, bool delivered, int attempts, string? failure);
}
