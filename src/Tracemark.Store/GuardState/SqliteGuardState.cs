using System.Data.Common;
using Tracemark.Store.Backends;

namespace Tracemark.Store.GuardState;

/// <summary>The guard's journal, positions and alert ledger in SQLite.</summary>
internal sealed class SqliteGuardState(SqliteBackend db) : GuardState
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, """
            CREATE TABLE guard_journal (seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, channel INTEGER NOT NULL, customer INTEGER NOT NULL, action TEXT NOT NULL, device TEXT, ip TEXT);
            CREATE TABLE guard_cursors (source TEXT PRIMARY KEY, byte_offset INTEGER NOT NULL, line INTEGER NOT NULL, rows INTEGER NOT NULL);
            CREATE TABLE guard_alerts (alert_key TEXT PRIMARY KEY, seq INTEGER NOT NULL, alert TEXT NOT NULL, printed INTEGER NOT NULL, delivered INTEGER NOT NULL, attempts INTEGER NOT NULL, last_error TEXT);
            """),
    ];

    protected override string T(string name) => name;

    protected override DbConnection Connection => db.Connection;

    protected override DbTransaction Begin() => db.Connection.BeginTransaction(deferred: false);

    protected override IBulkWriter Bulk(string table, params string[] columns) => new SqliteBulk(db, table, columns);

    protected override TResult Guard<TResult>(Func<TResult> action) => db.Guard(action);
}
