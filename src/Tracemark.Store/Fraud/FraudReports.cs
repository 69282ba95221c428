using System.Data.Common;
using System.Globalization;
using Tracemark.Store.Backends;
using Tracemark.Store.Owner;
using Tracemark.Store.Tags;

namespace Tracemark.Store.Fraud;

/// <summary>The SQL both dialects share; qualified names, transactions, bulk rows, upserts and key lookups are the dialects' hooks.</summary>
internal abstract class FraudReports : IFraudReports
{
    protected abstract string T(string name);

    protected abstract DbConnection Connection { get; }

    protected abstract DbTransaction Begin();

    protected abstract IBulkWriter Bulk(string table, params string[] columns);

    protected abstract TResult Guard<TResult>(Func<TResult> action);

    /// <summary>
    /// Inserts, inside <paramref name="tx"/>, the reports whose report id is neither held nor earlier in the batch, and
    /// calls <paramref name="added"/> with each new report's index in <paramref name="reports"/> and its store id.
    /// </summary>
    protected abstract void InsertReports(DbTransaction tx, IReadOnlyList<FraudReportRow> reports, Action<int, long> added);

    /// <summary>The rows of <paramref name="sql"/> (whose WHERE holds "{KEY}") for each key: one statement per key, or one with an array.</summary>
    protected virtual void ForKeys(string sql, IReadOnlyCollection<byte[]> keys, Action<DbDataReader> row)
    {
        using var cmd = Command(sql.Replace("{KEY}", "= @k", StringComparison.Ordinal), null);
        foreach (var key in keys)
        {
            OwnerData.Set(cmd, ("k", key));
            OwnerData.Read(cmd, row);
        }
    }

    public int Add(IReadOnlyList<(FraudReportRow Report, IReadOnlyList<VictimTag> Victims)> reports) => Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(reports);
        using var tx = Begin();
        var added = new List<(long Id, IReadOnlyList<VictimTag> Tags)>(reports.Count);
        InsertReports(tx, [.. reports.Select(r => r.Report)], (i, id) => added.Add((id, reports[i].Victims)));

        // After the inserts: PostgreSQL's COPY holds the connection until it completes.
        var row = new object?[3];
        using (var victims = Bulk(T("fraud_victims"), "tag", "report", "kind"))
        {
            foreach (var (report, tags) in added)
            {
                foreach (var tag in tags.DistinctBy(t => t.Tag))
                {
                    (row[0], row[1], row[2]) = (tag.Tag.ToArray(), report, (long)tag.Kind);
                    victims.Add(row);
                }
            }

            victims.Complete();
        }

        tx.Commit();
        return added.Count;
    });

    public void Reports(Action<FraudReportRow> report) => Guard(() =>
    {
        using var cmd = Command($"SELECT id, report_id, day, fraud_type, loss_fen, victim, contact, contact_masked FROM {T("fraud_reports")} ORDER BY id", null);
        OwnerData.Read(cmd, r => report(new FraudReportRow(
            r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetInt64(4), Tag.Read((byte[])r.GetValue(5)),
            r.IsDBNull(6) ? null : Tag.Read((byte[])r.GetValue(6)), r.IsDBNull(7) ? null : r.GetString(7))));
        return 0;
    });

    public void Links(Action<long, long> link) => Guard(() =>
    {
        // Victims first, each probing the occurrences' key: a million victims against a hundred million occurrences is
        // a million probes, where scanning the occurrences (SQLite's choice for a plain JOIN without statistics) reads
        // all of them. CROSS JOIN fixes SQLite's loop order; PostgreSQL is told by ProbeJoin.
        using var tx = ProbeJoin();
        using var cmd = Command(
            $"""
            SELECT DISTINCT v.report, o.dataset FROM {T("fraud_victims")} v
            CROSS JOIN {T("occurrences")} o
            JOIN {T("datasets")} d ON d.id = o.dataset AND d.complete = {True}
            WHERE o.tag = v.tag
            """,
            tx);
        OwnerData.Read(cmd, r => link(r.GetInt64(0), r.GetInt64(1)));
        tx?.Commit();
        return 0;
    });

    /// <summary>A transaction in which the dialect's planner probes the occurrences' key per victim, when it needs telling.</summary>
    protected virtual DbTransaction? ProbeJoin() => null;

    /// <summary>The literal for true in a boolean column as each dialect's datasets table keeps it.</summary>
    protected abstract string True { get; }

    public HashSet<Tag> Reported(IReadOnlyCollection<Tag> tags) => Guard(() =>
    {
        var found = new HashSet<Tag>();
        ForKeys($"SELECT tag FROM {T("fraud_victims")} WHERE tag {{KEY}}", [.. tags.Distinct().Select(t => t.ToArray())], r => found.Add(Tag.Read((byte[])r.GetValue(0))));
        return found;
    });

    public Dictionary<byte, long> DistinctTags(IReadOnlyCollection<byte> kinds) => Guard(() =>
    {
        var counts = kinds.ToDictionary(k => k, _ => 0L);
        if (counts.Count == 0)
        {
            return counts;
        }

        // Counted in the database: a hundred million occurrences read row by row into .NET cost about a microsecond
        // each. Grouped by tag, the key's order, so no sort or hash table is needed; a tag has one kind (it is keyed
        // with its kind), min() only names it. The per-kind counts are sums over that stream, not an outer GROUP BY:
        // SQLite builds an outer GROUP BY as a temporary b-tree of every inner row (one per distinct tag), which with
        // temp_store = MEMORY held 5 GB for 100 M identifiers (docs/benchmarks.md); one row of sums holds nothing.
        var order = counts.Keys.ToList();
        using var cmd = Command(
            $"""
            SELECT {string.Join(", ", order.Select(k => string.Create(CultureInfo.InvariantCulture, $"coalesce(sum(CASE WHEN kind = {k} THEN 1 ELSE 0 END), 0)")))} FROM (
                SELECT min(o.kind) AS kind FROM {T("occurrences")} o
                WHERE o.kind IN ({string.Join(", ", order.Select(k => k.ToString(CultureInfo.InvariantCulture)))})
                  AND o.dataset IN (SELECT id FROM {T("datasets")} WHERE complete = {True})
                GROUP BY o.tag) t
            """,
            null);
        OwnerData.Read(cmd, r =>
        {
            for (var i = 0; i < order.Count; i++)
            {
                counts[order[i]] = Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
            }
        });
        return counts;
    });

    public void DatasetTags(long dataset, byte kind, Action<Tag> tag) => Guard(() =>
    {
        using var cmd = Command($"SELECT tag FROM {T("occurrences")} WHERE dataset = @d AND kind = @k", null);
        OwnerData.Set(cmd, ("d", dataset), ("k", (int)kind));
        OwnerData.Read(cmd, r => tag(Tag.Read((byte[])r.GetValue(0))));
        return 0;
    });

    protected DbCommand Command(string sql, DbTransaction? tx) => OwnerData.Command(Connection, sql, tx);
}
