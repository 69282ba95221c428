using System.Data.Common;
using Tracemark.Store.Backends;

namespace Tracemark.Store.GuardState;

/// <summary>The guard's journal, positions and alert ledger in PostgreSQL (small tables on the coordinator of a sharded store).</summary>
internal sealed class PostgresGuardState(PostgresBackend db) : GuardState
{
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, """
            CREATE TABLE tracemark.guard_journal (seq bigint PRIMARY KEY, time bigint NOT NULL, channel bigint NOT NULL, customer bigint NOT NULL, action text NOT NULL, device text, ip text);
            CREATE TABLE tracemark.guard_cursors (source text PRIMARY KEY, byte_offset bigint NOT NULL, line bigint NOT NULL, rows bigint NOT NULL);
            CREATE TABLE tracemark.guard_alerts (alert_key text PRIMARY KEY, seq bigint NOT NULL, alert text NOT NULL, printed bigint NOT NULL, delivered bigint NOT NULL, attempts bigint NOT NULL, last_error text);
            """),
    ];

    protected override string T(string name) => "tracemark." + name;

    protected override DbConnection Connection => db.Connection;

    protected override DbTransaction Begin() => db.Connection.BeginTransaction();

    protected override IBulkWriter Bulk(string table, params string[] columns) => new PostgresBulk(db.Connection, table, columns);

    protected override TResult Guard<TResult>(Func<TResult> action) => db.Guard(action);
}
