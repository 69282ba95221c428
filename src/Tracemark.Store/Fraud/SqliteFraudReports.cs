using System.Data.Common;
using Tracemark.Store.Backends;
using Tracemark.Store.Owner;

namespace Tracemark.Store.Fraud;

/// <summary>Fraud reports in SQLite: ids are rowids; victim tags a WITHOUT ROWID table keyed by tag, like occurrences.</summary>
internal sealed class SqliteFraudReports(SqliteBackend db) : FraudReports
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, """
            CREATE TABLE fraud_reports (id INTEGER PRIMARY KEY, report_id TEXT NOT NULL UNIQUE, day INTEGER NOT NULL, fraud_type TEXT NOT NULL, loss_fen INTEGER NOT NULL, victim BLOB NOT NULL, contact BLOB, contact_masked TEXT);
            CREATE TABLE fraud_victims (tag BLOB NOT NULL, report INTEGER NOT NULL, kind INTEGER NOT NULL, PRIMARY KEY (tag, report)) WITHOUT ROWID;
            """),
    ];

    protected override string T(string name) => name;

    protected override DbConnection Connection => db.Connection;

    protected override DbTransaction Begin() => db.Connection.BeginTransaction(deferred: false);

    protected override IBulkWriter Bulk(string table, params string[] columns) => new SqliteBulk(db, table, columns);

    protected override TResult Guard<TResult>(Func<TResult> action) => db.Guard(action);

    // SQLite runs in this process, so a statement per report costs no round trip: one prepared statement, reused
    // for the batch inside its one transaction, is as fast as a multi-row INSERT and keeps RETURNING per row.
    protected override void InsertReports(DbTransaction tx, IReadOnlyList<FraudReportRow> reports, Action<int, long> added)
    {
        using var insert = Command("INSERT INTO fraud_reports (report_id, day, fraud_type, loss_fen, victim, contact, contact_masked) VALUES (@r, @d, @t, @l, @v, @c, @m) ON CONFLICT (report_id) DO NOTHING RETURNING id", tx);
        for (var i = 0; i < reports.Count; i++)
        {
            var r = reports[i];
            OwnerData.Set(insert, ("r", r.ReportId), ("d", (long)r.Day), ("t", r.FraudType), ("l", r.LossFen), ("v", r.Victim.ToArray()), ("c", r.Contact?.ToArray()), ("m", r.ContactMasked));
            if (i == 0)
            {
                insert.Parameters["c"].DbType = System.Data.DbType.Binary; // a null contact is still a blob, not text
                insert.Prepare();
            }

            // No row: the report id is held already (the same report imported again).
            if (insert.ExecuteScalar() is long id)
            {
                added(i, id);
            }
        }
    }

    protected override string True => "1";
}
