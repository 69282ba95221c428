using System.Data.Common;
using System.Runtime.CompilerServices;
using SQLitePCL;
using Tracemark.Store.Backends;

namespace Tracemark.Store.Owner;

/// <summary>Owner data in SQLite: ids are rowids, upserts apply row by row, and calls are cheap enough to ask key by key.</summary>
internal sealed class SqliteOwnerData(SqliteBackend db) : OwnerData
{
    /// <summary>Version 1 is the owner schema of release a83c9eb ("owner_schema" 2); 2 takes ids from the database.</summary>
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        // Looked up by tag only: the identifier table is its primary key's B-tree, not a second index beside it.
        new(1, """
            CREATE TABLE IF NOT EXISTS owner_customers (id INTEGER PRIMARY KEY, key_tag BLOB NOT NULL UNIQUE);
            CREATE TABLE IF NOT EXISTS owner_identifiers (tag BLOB PRIMARY KEY, customer INTEGER NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS owner_identifiers_stage (tag BLOB NOT NULL, customer INTEGER NOT NULL, line INTEGER NOT NULL, is_key INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS owner_channels (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, unit TEXT, active_from TEXT, active_to TEXT);
            CREATE TABLE IF NOT EXISTS owner_reach (customer INTEGER NOT NULL, channel INTEGER NOT NULL, first_time INTEGER NOT NULL, last_time INTEGER NOT NULL, accesses INTEGER NOT NULL, PRIMARY KEY (customer, channel));
            CREATE INDEX IF NOT EXISTS owner_reach_by_channel ON owner_reach (channel, first_time);
            CREATE TABLE IF NOT EXISTS owner_access (customer INTEGER NOT NULL, channel INTEGER NOT NULL, time INTEGER NOT NULL, action TEXT NOT NULL, device TEXT, ip TEXT);
            CREATE INDEX IF NOT EXISTS owner_access_by_customer ON owner_access (customer, channel, time);
            CREATE TABLE IF NOT EXISTS owner_reach_stage (customer INTEGER NOT NULL, channel INTEGER NOT NULL, first_time INTEGER NOT NULL, last_time INTEGER NOT NULL, accesses INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS owner_devices (channel INTEGER NOT NULL, device TEXT NOT NULL, first_time INTEGER NOT NULL, PRIMARY KEY (channel, device));
            CREATE TABLE IF NOT EXISTS owner_daily (channel INTEGER NOT NULL, day INTEGER NOT NULL, accesses INTEGER NOT NULL, PRIMARY KEY (channel, day));
            CREATE TABLE IF NOT EXISTS owner_channel_reach (channel INTEGER PRIMARY KEY, customers INTEGER NOT NULL, newest_first INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS owner_devices_stage (channel INTEGER NOT NULL, device TEXT NOT NULL, first_time INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS owner_daily_stage (channel INTEGER NOT NULL, day INTEGER NOT NULL, accesses INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS owner_canaries (customer INTEGER PRIMARY KEY, channel INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS owner_imports (content_hash TEXT PRIMARY KEY, file TEXT NOT NULL, kind TEXT NOT NULL, rows INTEGER NOT NULL);
            """),

        // Rows name their customer by key tag so the database numbers new customers (INTEGER PRIMARY KEY is the
        // rowid: the next number under SQLite's single writer); the count a trace needs is kept, not derived from ids.
        new(2, """
            DROP TABLE IF EXISTS owner_identifiers_stage;
            CREATE TABLE owner_identifiers_stage (tag BLOB NOT NULL, customer_key BLOB NOT NULL, line INTEGER NOT NULL, is_key INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS owner_totals (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            INSERT INTO owner_totals (name, value) SELECT 'customers', COUNT(*) FROM owner_customers;
            """),

        // The optional `fields` column of access.csv, summed per (channel, action, fields): what `tracemark audit`
        // reads to find full identifiers fetched where a masked one served.
        new(3, """
            CREATE TABLE owner_field_use (channel INTEGER NOT NULL, action TEXT NOT NULL, fields TEXT NOT NULL, accesses INTEGER NOT NULL, PRIMARY KEY (channel, action, fields));
            CREATE TABLE owner_field_use_stage (channel INTEGER NOT NULL, action TEXT NOT NULL, fields TEXT NOT NULL, accesses INTEGER NOT NULL);
            """),

        // The unit (outlet/route path) serving each customer, for guard's scope: optional in customers.csv, so kept
        // beside the customers rather than in their table (old stores and files have none).
        new(4, """
            ALTER TABLE owner_identifiers_stage ADD COLUMN unit TEXT;
            CREATE TABLE IF NOT EXISTS owner_customer_units (customer INTEGER PRIMARY KEY, unit TEXT NOT NULL);
            """),

        // The guard's replay reads the whole history in time order. The table is kept in customer order (traces read
        // it by customer), so without this SQLite sorted every row on every replay; this index holds every column
        // the replay reads, in its order, so the replay streams from it (0.55 → 0.19 s CPU for 589 k rows in the
        // sqlite3 shell) at the cost of about half the table's size again (docs/benchmarks.md, guard replay).
        new(5, """
            CREATE INDEX IF NOT EXISTS owner_access_by_time ON owner_access (time, channel, customer, action, device, ip);
            """),
    ];

    protected override string T(string name) => name;

    protected override DbConnection Connection => db.Connection;

    protected override DbTransaction Begin() => db.Connection.BeginTransaction(deferred: false);

    protected override IBulkWriter Bulk(string table, params string[] columns) => new SqliteBulk(db, table, columns);

    protected override TResult Guard<TResult>(Func<TResult> action) => db.Guard(action);

    protected override (string Least, string Greatest) MinMax => ("MIN", "MAX");

    // In file order, so customers are numbered as they come.
    protected override long MergeCustomers(string stage, DbTransaction tx)
    {
        using var cmd = Command($"INSERT OR IGNORE INTO owner_customers (key_tag) SELECT tag FROM {stage} WHERE is_key = 1 ORDER BY line", tx);
        return cmd.ExecuteNonQuery();
    }

    // SQLite applies an upsert row by row, so in (tag, line) order the last line wins; in tag order the primary key
    // is written in one ascending pass.
    protected override void MergeIdentifiers(string stage, DbTransaction tx) =>
        Execute($"INSERT INTO owner_identifiers (tag, customer) SELECT s.tag, c.id FROM {stage} s JOIN owner_customers c ON c.key_tag = s.customer_key WHERE s.is_key = 0 ORDER BY s.tag, s.line ON CONFLICT (tag) DO UPDATE SET customer = excluded.customer", tx);

    // Row by row in (tag, line) order: the later line of a customer given twice wins.
    protected override void MergeUnits(string stage, DbTransaction tx) =>
        Execute($"INSERT INTO owner_customer_units (customer, unit) SELECT c.id, s.unit FROM {stage} s JOIN owner_customers c ON c.key_tag = s.tag WHERE s.is_key = 1 AND s.unit IS NOT NULL ORDER BY s.tag, s.line ON CONFLICT (customer) DO UPDATE SET unit = excluded.unit", tx);

    // The access rows and, per (customer, channel), the first and last access arrive together: one pass writes both.
    protected override void WriteAccessAndReach(IEnumerable<AccessRow> sorted, string reachConflict, DbTransaction tx) =>
        UpsertReach(reachConflict, reach =>
        {
            using var access = AccessBulk();
            var row = new object?[5];
            foreach (var p in WriteAccess(sorted, access))
            {
                AddReach(reach, p, row);
            }
        }, tx);

    // Microsoft.Data.Sqlite's reader copies every text field into a new string; SQLitePCLRaw, the layer it is built
    // on, hands out the column's bytes in place. Over a history of 100 M rows that is the difference between the
    // replay's allocation rate and none (docs/benchmarks.md, guard replay).
    public override long ReplaySpans(long from, long until, ReplaySpanHandler row) => db.Guard(() =>
    {
        ArgumentNullException.ThrowIfNull(row);
        var handle = db.Connection.Handle!;
        if (raw.sqlite3_prepare_v2(handle, ReplaySql("?1", "?2"), out var stmt) != raw.SQLITE_OK)
        {
            throw new StoreException($"replay: {raw.sqlite3_errmsg(handle).utf8_to_string()}");
        }

        // The replay streams from the time-ordered covering index (migration 5) and sorts nothing. The connection's
        // large in-memory cache (SqliteBackend.CachePragmas) would only fill with pages read once, and if SQLite ever
        // chose to sort (a store whose index is missing), an in-memory sorter is unbounded (its spilled runs are
        // "files" in memory: gigabytes at 100 M rows). So the replay reads with a small cache and temporary files,
        // then the connection's settings are put back (docs/benchmarks.md, guard).
        using (stmt)
        {
            Exec(handle, "PRAGMA cache_size = -4096; PRAGMA temp_store = FILE");
            try
            {
                return Rows(handle, stmt, from, until, row);
            }
            finally
            {
                Exec(handle, SqliteBackend.CachePragmas);
            }
        }
    });

    private static void Exec(sqlite3 handle, string sql)
    {
        if (raw.sqlite3_exec(handle, sql) != raw.SQLITE_OK)
        {
            throw new StoreException($"replay: {raw.sqlite3_errmsg(handle).utf8_to_string()}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static long Rows(sqlite3 handle, sqlite3_stmt stmt, long from, long until, ReplaySpanHandler row)
    {
        raw.sqlite3_bind_int64(stmt, 1, from);
        raw.sqlite3_bind_int64(stmt, 2, until);
        long rows = 0;
        int rc;
        while ((rc = raw.sqlite3_step(stmt)) == raw.SQLITE_ROW)
        {
            rows++;
            var device = raw.sqlite3_column_type(stmt, 4) != raw.SQLITE_NULL;
            var ip = raw.sqlite3_column_type(stmt, 5) != raw.SQLITE_NULL;
            var r = new ReplaySpanRow(raw.sqlite3_column_int64(stmt, 0), raw.sqlite3_column_int64(stmt, 1), raw.sqlite3_column_int64(stmt, 2), raw.sqlite3_column_blob(stmt, 3), device ? raw.sqlite3_column_blob(stmt, 4) : default, device, ip ? raw.sqlite3_column_blob(stmt, 5) : default, ip);
            if (!row(in r))
            {
                return rows;
            }
        }

        if (rc != raw.SQLITE_DONE)
        {
            throw new StoreException($"replay: {raw.sqlite3_errmsg(handle).utf8_to_string()}");
        }

        return rows;
    }
}
