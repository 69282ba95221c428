using System.Data.Common;
using System.Globalization;
using Tracemark.Store.Backends;
using Tracemark.Store.Owner;

namespace Tracemark.Store.GuardState;

/// <summary>The SQL both dialects share; qualified names, transactions and bulk rows are the dialects' hooks.</summary>
internal abstract class GuardState : IGuardState
{
    private static readonly string[] JournalColumns = ["seq", "time", "channel", "customer", "action", "device", "ip"];

    protected abstract string T(string name);

    protected abstract DbConnection Connection { get; }

    protected abstract DbTransaction Begin();

    protected abstract IBulkWriter Bulk(string table, params string[] columns);

    protected abstract TResult Guard<TResult>(Func<TResult> action);

    public GuardCursor? Cursor(string source) => Guard(() =>
    {
        using var cmd = Command($"SELECT source, byte_offset, line, rows FROM {T("guard_cursors")} WHERE source = @s", null);
        OwnerData.Set(cmd, ("s", source));
        GuardCursor? found = null;
        OwnerData.Read(cmd, r => found = new GuardCursor(r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3)));
        return found;
    });

    public void Advance(GuardCursor cursor, IReadOnlyList<ReplayRow> rows, IReadOnlyList<(string Key, string Json)> alerts) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(alerts);
        using var tx = Begin();
        if (rows.Count > 0)
        {
            long next;
            using (var max = Command($"SELECT COALESCE(MAX(seq), 0) FROM {T("guard_journal")}", tx))
            {
                next = Convert.ToInt64(max.ExecuteScalar(), CultureInfo.InvariantCulture);
            }

            using var bulk = Bulk(T("guard_journal"), JournalColumns);
            var values = new object?[7];
            foreach (var r in rows)
            {
                (values[0], values[1], values[2], values[3], values[4], values[5], values[6]) = (++next, r.Time, r.Channel, r.Customer, r.Action, r.Device, r.Ip);
                bulk.Add(values);
            }

            bulk.Complete();
        }

        using (var move = Command($"INSERT INTO {T("guard_cursors")} (source, byte_offset, line, rows) VALUES (@s, @o, @l, @r) ON CONFLICT (source) DO UPDATE SET byte_offset = excluded.byte_offset, line = excluded.line, rows = excluded.rows", tx))
        {
            OwnerData.Set(move, ("s", cursor.Source), ("o", cursor.Offset), ("l", cursor.Line), ("r", cursor.Rows));
            move.ExecuteNonQuery();
        }

        Add(alerts, printed: false, tx);
        tx.Commit();
        return 0;
    });

    public long Journal(Func<ReplayRow, bool> row) => Guard(() =>
    {
        using var cmd = Command($"SELECT time, channel, customer, action, device, ip FROM {T("guard_journal")} ORDER BY seq", null);
        return OwnerData.ReadReplay(cmd, row);
    });

    public void Record(IReadOnlyList<(string Key, string Json)> alerts, bool printed) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(alerts);
        using var tx = Begin();
        Add(alerts, printed, tx);
        tx.Commit();
        return 0;
    });

    public IReadOnlyList<GuardAlertEntry> Alerts() => Guard(() =>
    {
        using var cmd = Command($"SELECT alert_key, alert, printed, delivered, attempts, last_error FROM {T("guard_alerts")} ORDER BY seq", null);
        var list = new List<GuardAlertEntry>();
        OwnerData.Read(cmd, r => list.Add(new GuardAlertEntry(r.GetString(0), r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3) != 0, (int)r.GetInt64(4), r.IsDBNull(5) ? null : r.GetString(5))));
        return list;
    });

    public void Printed(string key) => Guard(() =>
    {
        using var cmd = Command($"UPDATE {T("guard_alerts")} SET printed = 1 WHERE alert_key = @k", null);
        OwnerData.Set(cmd, ("k", key));
        cmd.ExecuteNonQuery();
        return 0;
    });

    public void Attempted(string key, bool delivered, int attempts, string? failure) => Guard(() =>
    {
        using var cmd = Command($"UPDATE {T("guard_alerts")} SET delivered = @d, attempts = @a, last_error = @e WHERE alert_key = @k", null);
        OwnerData.Set(cmd, ("d", delivered ? 1L : 0L), ("a", (long)attempts), ("e", failure), ("k", key));
        cmd.ExecuteNonQuery();
        return 0;
    });

    // The ledger's order is the order alerts were first recorded: seq continues from the largest.
    private void Add(IReadOnlyList<(string Key, string Json)> alerts, bool printed, DbTransaction tx)
    {
        if (alerts.Count == 0)
        {
            return;
        }

        using var insert = Command($"INSERT INTO {T("guard_alerts")} (alert_key, seq, alert, printed, delivered, attempts, last_error) VALUES (@k, (SELECT COALESCE(MAX(seq), 0) + 1 FROM {T("guard_alerts")}), @j, @p, 0, 0, NULL) ON CONFLICT (alert_key) DO NOTHING", tx);
        foreach (var (key, json) in alerts)
        {
            OwnerData.Set(insert, ("k", key), ("j", json), ("p", printed ? 1L : 0L));
            insert.ExecuteNonQuery();
        }
    }

    private DbCommand Command(string sql, DbTransaction? tx) => OwnerData.Command(Connection, sql, tx);
}
