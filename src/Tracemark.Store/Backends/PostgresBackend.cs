using Npgsql;
using Tracemark.Store.Owner;

namespace Tracemark.Store.Backends;

/// <summary>
/// The team store: PostgreSQL, tables in their own schema "tracemark". This class holds the connection, the meta
/// table and the migrations; each capability's SQL lives in its PostgreSQL dialect class. A store laid out by
/// `tracemark store init --shards` gets the sharded dialect classes instead (<see cref="Shards"/>).
/// </summary>
internal sealed class PostgresBackend : IStoreBackend
{
    private const string MetaTable = "tracemark.meta";

    /// <summary>Taken by every migration and by `store init`: two first runs at once must not race to create the schema.</summary>
    internal const long SchemaLock = 7271001;

    private IOwnerData? _owner;
    private Incidents.PostgresIncidents? _incidents;
    private GuardState.PostgresGuardState? _guard;

    private readonly NpgsqlConnection _connection;
    private readonly string _connectionString;

    public PostgresBackend(string connectionString, string description)
    {
        Description = $"PostgreSQL {description}";
        _connectionString = connectionString;
        _connection = new NpgsqlConnection(connectionString);
        try
        {
            _connection.Open();

            using (var tx = _connection.BeginTransaction())
            {
                Execute($"SELECT pg_advisory_xact_lock({SchemaLock})", tx);
                Execute($"CREATE SCHEMA IF NOT EXISTS tracemark; CREATE TABLE IF NOT EXISTS {MetaTable} (key text PRIMARY KEY, value text NOT NULL)", tx);
                tx.Commit();
            }

            Sharded = ReadMeta("layout") == "sharded";
            if (Sharded)
            {
                // Aggregates over a distributed table (a channel's customers) are computed on each shard.
                Execute("SET enable_partitionwise_aggregate = on; SET enable_partitionwise_join = on", null);
                KnownLeaks = new ShardedKnownLeaks(this);
                RefuseOlderLayout("known_leaks", PostgresKnownLeaks.Migrations);
            }
            else
            {
                KnownLeaks = new PostgresKnownLeaks(this);
                Migrate("known_leaks", PostgresKnownLeaks.Migrations);
            }
        }
        catch (StoreException)
        {
            _connection.Dispose();
            throw;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            _connection.Dispose();
            throw new StoreException($"cannot open the store {Description}: {e.Message}", e);
        }
    }

    public string Description { get; }

    public IKnownLeaks KnownLeaks { get; }

    public IOwnerData OwnerData => _owner ??= Sharded ? OpenShardedOwner() : OpenOwner();

    /// <summary>Made by `tracemark store init --shards` (meta "layout" = "sharded"): large tables partitioned over shard servers.</summary>
    internal bool Sharded { get; }

    private ShardedOwnerData OpenShardedOwner()
    {
        RefuseOlderLayout("owner_data", PostgresOwnerData.Migrations);
        return new ShardedOwnerData(this);
    }

    // A sharded store is laid out at its current versions by `store init`; a later version's step has to say how it
    // changes the shards too, so until one does, an older sharded layout is refused rather than half migrated.
    private void RefuseOlderLayout(string capability, IReadOnlyList<Migration> migrations)
    {
        var version = Migrations.Version(ReadMeta, capability);
        if (version != migrations[^1].Version)
        {
            throw new StoreException($"{Description} is a sharded store at version {version} of the {capability.Replace('_', ' ')} schema; this program has version {migrations[^1].Version} and cannot migrate a sharded layout");
        }
    }

    internal NpgsqlConnection Connection => _connection;

    internal string ConnectionString => _connectionString;

    // Small tables on the coordinator, sharded store or not.
    public Incidents.IIncidents Incidents => _incidents ??= OpenIncidents();

    // Small tables on the coordinator too.
    public GuardState.IGuardState GuardState => _guard ??= OpenGuardState();

    private GuardState.PostgresGuardState OpenGuardState()
    {
        Migrate("guard_state", Tracemark.Store.GuardState.PostgresGuardState.Migrations);
        return new GuardState.PostgresGuardState(this);
    }

    private Incidents.PostgresIncidents OpenIncidents()
    {
        Migrate("incidents", Tracemark.Store.Incidents.PostgresIncidents.Migrations);
        return new Incidents.PostgresIncidents(this);
    }

    private PostgresOwnerData OpenOwner()
    {
        Migrate("owner_data", PostgresOwnerData.Migrations);
        return new PostgresOwnerData(this);
    }

    private void Migrate(string capability, IReadOnlyList<Migration> migrations) => Guard(() =>
    {
        Migrations.Run(_connection, () => Locked(), MetaTable, capability, migrations, Description);
        return 0;
    });

    /// <summary>A transaction holding the schema lock.</summary>
    internal NpgsqlTransaction Locked()
    {
        var tx = _connection.BeginTransaction();
        Execute($"SELECT pg_advisory_xact_lock({SchemaLock})", tx);
        return tx;
    }

    public string? ReadMeta(string key) => Guard(() =>
    {
        using var cmd = new NpgsqlCommand("SELECT value FROM tracemark.meta WHERE key = @k", _connection);
        cmd.Parameters.AddWithValue("k", key);
        return cmd.ExecuteScalar() as string;
    });

    public void WriteMeta(string key, string value) => Guard(() =>
    {
        using var cmd = new NpgsqlCommand("INSERT INTO tracemark.meta (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", _connection);
        cmd.Parameters.AddWithValue("k", key);
        cmd.Parameters.AddWithValue("v", value);
        return cmd.ExecuteNonQuery();
    });

    public bool HasData() => Guard(() =>
    {
        using var cmd = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM tracemark.datasets) OR EXISTS (SELECT 1 FROM tracemark.meta WHERE key = 'key_check')", _connection);
        return (bool)cmd.ExecuteScalar()!;
    });

    /// <summary>Every table of the schema (for a sharded store, the coordinator's part: the shards report their own).</summary>
    public long SizeOnDisk() => Guard(() =>
    {
        using var cmd = new NpgsqlCommand("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'tracemark' AND c.relkind IN ('r', 'm')", _connection);
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    public void Dispose() => _connection.Dispose();

    internal void Execute(string sql, NpgsqlTransaction? tx)
    {
        using var cmd = new NpgsqlCommand(sql, _connection, tx);
        cmd.ExecuteNonQuery();
    }

    internal T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DiskFull)
        {
            throw new StoreException($"the disk holding {Description} is full; nothing written so far is lost, and a dataset being ingested stays incomplete. Free space, then run the same ingest again to resume.", e);
        }
        catch (NpgsqlException e)
        {
            throw new StoreException($"the store {Description} failed: {e.Message}", e);
        }
    }
}
