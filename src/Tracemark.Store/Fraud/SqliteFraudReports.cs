using System.Data.Common;
using Tracemark.Store.Backends;

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

    protected override string InsertReport => "INSERT INTO {T} (report_id, day, fraud_type, loss_fen, victim, contact, contact_masked) VALUES (@r, @d, @t, @l, @v, @c, @m) ON CONFLICT (report_id) DO NOTHING RETURNING id";

    protected override string True => "1";
}
