using System.Data.Common;
using Tracemark.Store.Backends;

namespace Tracemark.Store.Owner;

/// <summary>Owner data in PostgreSQL: ids from sequences, COPY for bulk rows, one query with an array for many keys.</summary>
internal class PostgresOwnerData(PostgresBackend db) : OwnerData
{
    /// <summary>Version 1 is the owner schema of release a83c9eb ("owner_schema" 2); 2 takes ids from sequences.</summary>
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, """
            CREATE TABLE IF NOT EXISTS tracemark.owner_customers (id bigint PRIMARY KEY, key_tag bytea NOT NULL UNIQUE);
            CREATE TABLE IF NOT EXISTS tracemark.owner_identifiers (tag bytea PRIMARY KEY, customer bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS tracemark.owner_identifiers_stage (tag bytea NOT NULL, customer bigint NOT NULL, line bigint NOT NULL, is_key bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS tracemark.owner_channels (id bigint PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, unit TEXT, active_from TEXT, active_to TEXT);
            CREATE TABLE IF NOT EXISTS tracemark.owner_reach (customer bigint NOT NULL, channel bigint NOT NULL, first_time bigint NOT NULL, last_time bigint NOT NULL, accesses bigint NOT NULL, PRIMARY KEY (customer, channel));
            CREATE INDEX IF NOT EXISTS owner_reach_by_channel ON tracemark.owner_reach (channel, first_time);
            CREATE TABLE IF NOT EXISTS tracemark.owner_access (customer bigint NOT NULL, channel bigint NOT NULL, time bigint NOT NULL, action TEXT NOT NULL, device TEXT, ip TEXT);
            CREATE INDEX IF NOT EXISTS owner_access_by_customer ON tracemark.owner_access (customer, channel, time);
            CREATE TABLE IF NOT EXISTS tracemark.owner_reach_stage (customer bigint NOT NULL, channel bigint NOT NULL, first_time bigint NOT NULL, last_time bigint NOT NULL, accesses bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS tracemark.owner_devices (channel bigint NOT NULL, device TEXT NOT NULL, first_time bigint NOT NULL, PRIMARY KEY (channel, device));
            CREATE TABLE IF NOT EXISTS tracemark.owner_daily (channel bigint NOT NULL, day bigint NOT NULL, accesses bigint NOT NULL, PRIMARY KEY (channel, day));
            CREATE TABLE IF NOT EXISTS tracemark.owner_channel_reach (channel bigint PRIMARY KEY, customers bigint NOT NULL, newest_first bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS tracemark.owner_devices_stage (channel bigint NOT NULL, device TEXT NOT NULL, first_time bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS tracemark.owner_daily_stage (channel bigint NOT NULL, day bigint NOT NULL, accesses bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS tracemark.owner_canaries (customer bigint PRIMARY KEY, channel bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS tracemark.owner_imports (content_hash TEXT PRIMARY KEY, file TEXT NOT NULL, kind TEXT NOT NULL, rows bigint NOT NULL);
            """),

        // Numbers continue where the client-side numbering (largest + 1) left them.
        new(2, """
            DROP TABLE IF EXISTS tracemark.owner_identifiers_stage;
            CREATE TABLE tracemark.owner_identifiers_stage (tag bytea NOT NULL, customer_key bytea NOT NULL, line bigint NOT NULL, is_key bigint NOT NULL);
            CREATE TABLE IF NOT EXISTS tracemark.owner_totals (name text PRIMARY KEY, value bigint NOT NULL);
            INSERT INTO tracemark.owner_totals (name, value) SELECT 'customers', COUNT(*) FROM tracemark.owner_customers;
            CREATE SEQUENCE tracemark.owner_customers_id MINVALUE 0 START 0 OWNED BY tracemark.owner_customers.id;
            SELECT setval('tracemark.owner_customers_id', (SELECT COALESCE(MAX(id) + 1, 0) FROM tracemark.owner_customers), false);
            ALTER TABLE tracemark.owner_customers ALTER COLUMN id SET DEFAULT nextval('tracemark.owner_customers_id');
            CREATE SEQUENCE tracemark.owner_channels_id MINVALUE 0 START 0 OWNED BY tracemark.owner_channels.id;
            SELECT setval('tracemark.owner_channels_id', (SELECT COALESCE(MAX(id) + 1, 0) FROM tracemark.owner_channels), false);
            ALTER TABLE tracemark.owner_channels ALTER COLUMN id SET DEFAULT nextval('tracemark.owner_channels_id');
            """),

        // Field use per (channel, action, fields), for `tracemark audit` (small: on the coordinator when sharded).
        new(3, """
            CREATE TABLE tracemark.owner_field_use (channel bigint NOT NULL, action text NOT NULL, fields text NOT NULL, accesses bigint NOT NULL, PRIMARY KEY (channel, action, fields));
            CREATE TABLE tracemark.owner_field_use_stage (channel bigint NOT NULL, action text NOT NULL, fields text NOT NULL, accesses bigint NOT NULL);
            """),

        // The unit (outlet/route path) serving each customer, for guard's scope (optional in customers.csv).
        new(4, """
            ALTER TABLE tracemark.owner_identifiers_stage ADD COLUMN IF NOT EXISTS unit text;
            CREATE TABLE IF NOT EXISTS tracemark.owner_customer_units (customer bigint PRIMARY KEY, unit text NOT NULL);
            """),

        // SQLite's schema 5 (the guard replay's time-ordered covering index) has no step here yet: a new version
        // would make every sharded store made before it refuse to open (PostgresBackend.RefuseOlderLayout) until the
        // step also says how the shards change, so the replay here still lets PostgreSQL sort (docs/guard.md).
    ];

    private protected PostgresBackend Db { get; } = db;

    protected override string T(string name) => "tracemark." + name;

    protected override DbConnection Connection => Db.Connection;

    protected override DbTransaction Begin() => Db.Connection.BeginTransaction();

    protected override IBulkWriter Bulk(string table, params string[] columns) => new PostgresBulk(Db.Connection, table, columns);

    protected override TResult Guard<TResult>(Func<TResult> action) => Db.Guard(action);

    protected override (string Least, string Greatest) MinMax => ("LEAST", "GREATEST");

    // Each round trip over PostgreSQL's socket costs about a millisecond and a trace asks about hundreds of
    // customers: one query with an array parameter (= ANY) instead of one per key.
    protected override void ForKeys<TKey>(string sql, IReadOnlyCollection<TKey> keys, Action<DbDataReader> row, params (string Name, object? Value)[] parameters)
    {
        if (keys.Count == 0)
        {
            return;
        }

        using var cmd = Command(sql.Replace("{KEY}", "= ANY(@k)", StringComparison.Ordinal), null);
        Set(cmd, [("k", keys.ToArray()), .. parameters]);
        Read(cmd, row);
    }

    // New key tags only, numbered in file order (a sequence value is spent on every row offered, conflicting or not).
    protected override long MergeCustomers(string stage, DbTransaction tx)
    {
        using var cmd = Command($"INSERT INTO tracemark.owner_customers (key_tag) SELECT tag FROM (SELECT DISTINCT ON (tag) tag, line FROM {stage} s WHERE is_key = 1 AND NOT EXISTS (SELECT 1 FROM tracemark.owner_customers c WHERE c.key_tag = s.tag) ORDER BY tag, line) n ORDER BY line ON CONFLICT (key_tag) DO NOTHING", tx);
        return cmd.ExecuteNonQuery();
    }

    // One upsert may touch a key once: the latest line per tag.
    protected override void MergeIdentifiers(string stage, DbTransaction tx) =>
        Execute($"INSERT INTO tracemark.owner_identifiers (tag, customer) SELECT DISTINCT ON (s.tag) s.tag, c.id FROM {stage} s JOIN tracemark.owner_customers c ON c.key_tag = s.customer_key WHERE s.is_key = 0 ORDER BY s.tag, s.line DESC ON CONFLICT (tag) DO UPDATE SET customer = excluded.customer", tx);

    // One upsert may touch a key once: the latest line per customer.
    protected override void MergeUnits(string stage, DbTransaction tx) =>
        Execute($"INSERT INTO tracemark.owner_customer_units (customer, unit) SELECT DISTINCT ON (c.id) c.id, s.unit FROM {stage} s JOIN tracemark.owner_customers c ON c.key_tag = s.tag WHERE s.is_key = 1 AND s.unit IS NOT NULL ORDER BY c.id, s.line DESC ON CONFLICT (customer) DO UPDATE SET unit = excluded.unit", tx);

    // PostgreSQL takes one COPY at a time per connection, so the reach rows are spooled to a temporary file while
    // the access rows go in, then copied.
    protected override void WriteAccessAndReach(IEnumerable<AccessRow> sorted, string reachConflict, DbTransaction tx)
    {
        using var spool = new ReachSpool();
        using (var access = AccessBulk())
        {
            foreach (var p in WriteAccess(sorted, access))
            {
                spool.Add(p);
            }
        }

        UpsertReach(reachConflict, spool.CopyTo, tx);
    }

    // PostgreSQL plans from table statistics that autovacuum refreshes only some time after a bulk load: a trace
    // run straight after importing 100 M rows chose bitmap scans over index lookups and took 2.1–2.7 s instead of
    // 1.1–1.6 s. So statistics are taken at once, and the tables traces count from (read by index only once their
    // pages are marked all-visible) are vacuumed; the access table itself is only analyzed, since vacuuming it reads
    // all of it.
    protected override void Refresh(string kind)
    {
        string[] vacuum = kind switch
        {
            "access" => ["owner_reach", "owner_daily", "owner_devices", "owner_channel_reach"],
            "customers" => ["owner_customers", "owner_identifiers"],
            _ => ["owner_channels"],
        };
        Execute($"VACUUM (ANALYZE) {string.Join(", ", vacuum.Select(T))}");
        if (kind == "access")
        {
            Execute($"ANALYZE {T("owner_access")}");
        }
    }
}
