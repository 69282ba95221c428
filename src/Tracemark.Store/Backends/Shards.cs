using System.Globalization;
using System.Text;
using Npgsql;

namespace Tracemark.Store.Backends;

/// <summary>
/// The sharded PostgreSQL layout (docs/scale.md): on the coordinator, every large table is declared partitioned by
/// hash of its distribution column, and each partition is a postgres_fdw foreign table living on one shard server;
/// small tables (datasets, channels, daily counts …) stay on the coordinator, as Citus keeps reference tables. Every
/// command then works through the coordinator unchanged, with the sharded dialect classes doing what foreign
/// partitions need (no ON CONFLICT with a target, array probes instead of per-row joins).
/// </summary>
internal static class Shards
{
    /// <summary>
    /// A large table: its columns, its primary key on the shards (the distribution column first; none for the access
    /// log, which may repeat a row) and its distribution column.
    /// </summary>
    private sealed record Large(string Name, string Columns, string? Key, string By, string? Index = null);

    // Owner data goes by customer: a customer's identifiers by their own tag (a trace asks by identifier tag), the
    // customer row by its key tag, its reach and access rows by customer number, so one customer's rows of one
    // table sit on one shard.
    private static readonly Large[] Tables =
    [
        new("occurrences", "tag bytea NOT NULL, dataset bigint NOT NULL, kind smallint NOT NULL, first_seen integer NOT NULL", "tag, dataset", "tag"),
        new("owner_customers", "id bigint NOT NULL, key_tag bytea NOT NULL", "key_tag", "key_tag"),
        new("owner_identifiers", "tag bytea NOT NULL, customer bigint NOT NULL", "tag", "tag"),
        new("owner_reach", "customer bigint NOT NULL, channel bigint NOT NULL, first_time bigint NOT NULL, last_time bigint NOT NULL, accesses bigint NOT NULL", "customer, channel", "customer", "channel, first_time"),
        new("owner_access", "customer bigint NOT NULL, channel bigint NOT NULL, time bigint NOT NULL, action text NOT NULL, device text, ip text", null, "customer", "customer, channel, time"),
    ];

    /// <summary>Tables partitioned over the shards (the rest of the schema is on the coordinator).</summary>
    public static IReadOnlySet<string> Distributed { get; } = Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

    // The small tables, as the single-server migrations make them, minus what is distributed above.
    private const string Reference = """
        CREATE TABLE tracemark.datasets (
            id bigserial PRIMARY KEY,
            name text NOT NULL UNIQUE,
            category text NOT NULL,
            seen text NOT NULL,
            source text,
            content_hash text NOT NULL UNIQUE,
            records bigint NOT NULL DEFAULT 0,
            persons bigint NOT NULL DEFAULT 0,
            identifiers bigint NOT NULL DEFAULT 0,
            kinds text NOT NULL DEFAULT '{}',
            newest_record text,
            complete boolean NOT NULL DEFAULT false);
        CREATE SEQUENCE tracemark.owner_customers_id MINVALUE 0 START 0;
        CREATE TABLE tracemark.owner_identifiers_stage (tag bytea NOT NULL, customer_key bytea NOT NULL, line bigint NOT NULL, is_key bigint NOT NULL, unit text);
        CREATE TABLE tracemark.owner_customer_units (customer bigint PRIMARY KEY, unit text NOT NULL);
        CREATE SEQUENCE tracemark.owner_channels_id MINVALUE 0 START 0;
        CREATE TABLE tracemark.owner_channels (id bigint PRIMARY KEY DEFAULT nextval('tracemark.owner_channels_id'), name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, unit TEXT, active_from TEXT, active_to TEXT);
        CREATE TABLE tracemark.owner_reach_stage (customer bigint NOT NULL, channel bigint NOT NULL, first_time bigint NOT NULL, last_time bigint NOT NULL, accesses bigint NOT NULL);
        CREATE TABLE tracemark.owner_devices (channel bigint NOT NULL, device TEXT NOT NULL, first_time bigint NOT NULL, PRIMARY KEY (channel, device));
        CREATE TABLE tracemark.owner_daily (channel bigint NOT NULL, day bigint NOT NULL, accesses bigint NOT NULL, PRIMARY KEY (channel, day));
        CREATE TABLE tracemark.owner_channel_reach (channel bigint PRIMARY KEY, customers bigint NOT NULL, newest_first bigint NOT NULL);
        CREATE TABLE tracemark.owner_devices_stage (channel bigint NOT NULL, device TEXT NOT NULL, first_time bigint NOT NULL);
        CREATE TABLE tracemark.owner_daily_stage (channel bigint NOT NULL, day bigint NOT NULL, accesses bigint NOT NULL);
        CREATE TABLE tracemark.owner_canaries (customer bigint PRIMARY KEY, channel bigint NOT NULL);
        CREATE TABLE tracemark.owner_imports (content_hash TEXT PRIMARY KEY, file TEXT NOT NULL, kind TEXT NOT NULL, rows bigint NOT NULL);
        CREATE TABLE tracemark.owner_totals (name text PRIMARY KEY, value bigint NOT NULL);
        INSERT INTO tracemark.owner_totals (name, value) VALUES ('customers', 0);
        CREATE TABLE tracemark.owner_field_use (channel bigint NOT NULL, action text NOT NULL, fields text NOT NULL, accesses bigint NOT NULL, PRIMARY KEY (channel, action, fields));
        CREATE TABLE tracemark.owner_field_use_stage (channel bigint NOT NULL, action text NOT NULL, fields text NOT NULL, accesses bigint NOT NULL);
        """;

    /// <summary>
    /// Lays out an empty coordinator database and its shards: <paramref name="partitions"/> hash partitions per large
    /// table, dealt round-robin over the shards (more partitions than shards let a later shard take some over).
    /// </summary>
    public static void Init(string coordinatorUrl, IReadOnlyList<string> shardUrls, int partitions)
    {
        if (shardUrls.Count == 0)
        {
            throw new StoreException("--shards needs at least one postgres:// URL");
        }

        if (partitions < shardUrls.Count)
        {
            throw new StoreException($"--partitions ({partitions}) must be at least the number of shards ({shardUrls.Count})");
        }

        var description = StoreLocation.Describe(coordinatorUrl);
        using var coordinator = Connect(coordinatorUrl, "coordinator");
        if (Scalar(coordinator, "SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'tracemark'") != 0)
        {
            throw new StoreException($"PostgreSQL {description} already has a tracemark schema; `store init` lays out an empty database only");
        }

        for (var s = 0; s < shardUrls.Count; s++)
        {
            using var shard = Connect(shardUrls[s], $"shard {s + 1}");
            if (Scalar(shard, "SELECT COUNT(*) FROM pg_namespace WHERE nspname = 'tracemark'") != 0)
            {
                throw new StoreException($"shard {StoreLocation.Describe(shardUrls[s])} already has a tracemark schema; give an empty database");
            }

            var ddl = new StringBuilder("CREATE SCHEMA tracemark;\n");
            foreach (var t in Tables)
            {
                for (var p = s; p < partitions; p += shardUrls.Count)
                {
                    ddl.Append(CultureInfo.InvariantCulture, $"CREATE TABLE tracemark.{t.Name}_p{p} ({t.Columns}{(t.Key is null ? string.Empty : $", PRIMARY KEY ({t.Key})")});\n");
                    if (t.Index is not null)
                    {
                        ddl.Append(CultureInfo.InvariantCulture, $"CREATE INDEX ON tracemark.{t.Name}_p{p} ({t.Index});\n");
                    }
                }
            }

            Execute(shard, ddl.ToString());
        }

        var sql = new StringBuilder("""
            CREATE EXTENSION IF NOT EXISTS postgres_fdw;
            CREATE SCHEMA tracemark;
            CREATE TABLE tracemark.meta (key text PRIMARY KEY, value text NOT NULL);

            """);
        sql.Append(Reference).Append('\n');
        for (var s = 0; s < shardUrls.Count; s++)
        {
            var b = new NpgsqlConnectionStringBuilder(StoreLocation.ToConnectionString(shardUrls[s]));

            // async_capable: the coordinator scans all shards at once; batch_size: inserts routed to a shard go
            // 1,000 rows to a statement instead of a round trip each.
            sql.Append(CultureInfo.InvariantCulture, $"CREATE SERVER tracemark_shard{s + 1} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host {Literal(b.Host!)}, port {Literal(b.Port.ToString(CultureInfo.InvariantCulture))}, dbname {Literal(b.Database!)}, async_capable 'true', batch_size '1000', fetch_size '10000');\n");
            var user = b.Username ?? Environment.UserName;
            sql.Append(CultureInfo.InvariantCulture, $"CREATE USER MAPPING FOR CURRENT_USER SERVER tracemark_shard{s + 1} OPTIONS (user {Literal(user)}{(b.Password is { } pw ? $", password {Literal(pw)}" : string.Empty)});\n");
        }

        foreach (var t in Tables)
        {
            var columns = t.Name == "owner_customers" ? "id bigint NOT NULL DEFAULT nextval('tracemark.owner_customers_id'), key_tag bytea NOT NULL" : t.Columns;
            sql.Append(CultureInfo.InvariantCulture, $"CREATE TABLE tracemark.{t.Name} ({columns}) PARTITION BY HASH ({t.By});\n");
            for (var p = 0; p < partitions; p++)
            {
                sql.Append(CultureInfo.InvariantCulture, $"CREATE FOREIGN TABLE tracemark.{t.Name}_p{p} PARTITION OF tracemark.{t.Name} FOR VALUES WITH (MODULUS {partitions}, REMAINDER {p}) SERVER tracemark_shard{(p % shardUrls.Count) + 1} OPTIONS (schema_name 'tracemark', table_name '{t.Name}_p{p}');\n");
            }
        }

        sql.Append(CultureInfo.InvariantCulture, $"""
            INSERT INTO tracemark.meta (key, value) VALUES
                ('layout', 'sharded'),
                ('shards', {Literal(string.Join(",", shardUrls.Select(StoreLocation.Describe)))}),
                ('partitions', '{partitions}'),
                ('{Migrations.Key("known_leaks")}', '{PostgresKnownLeaks.Migrations[^1].Version}'),
                ('{Migrations.Key("owner_data")}', '{Owner.PostgresOwnerData.Migrations[^1].Version}');
            """);
        using var tx = coordinator.BeginTransaction();
        Execute(coordinator, $"SELECT pg_advisory_xact_lock({PostgresBackend.SchemaLock})", tx);
        Execute(coordinator, sql.ToString(), tx);
        tx.Commit();
    }

    private static NpgsqlConnection Connect(string url, string role)
    {
        var connection = new NpgsqlConnection(StoreLocation.ToConnectionString(url));
        try
        {
            connection.Open();
            return connection;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            connection.Dispose();
            throw new StoreException($"cannot reach the {role} {StoreLocation.Describe(url)}: {e.Message}", e);
        }
    }

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static long Scalar(NpgsqlConnection connection, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(NpgsqlConnection connection, string sql, NpgsqlTransaction? tx = null)
    {
        try
        {
            using var cmd = new NpgsqlCommand(sql, connection, tx);
            cmd.ExecuteNonQuery();
        }
        catch (PostgresException e)
        {
            throw new StoreException($"laying out the sharded store failed on {connection.Host}:{connection.Port}/{connection.Database}: {e.MessageText}", e);
        }
    }
}
