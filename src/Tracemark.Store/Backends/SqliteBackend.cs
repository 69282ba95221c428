using Microsoft.Data.Sqlite;
using SQLitePCL;
using Tracemark.Store.Owner;

namespace Tracemark.Store.Backends;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, so a compare reads while an ingest writes. This class holds the
/// connection, the meta table and the migrations; each capability's SQL lives in its SQLite dialect class.
/// </summary>
internal sealed class SqliteBackend : IStoreBackend
{
    private const string MetaTable = "tracemark_meta";
    private SqliteOwnerData? _owner;
    private Incidents.SqliteIncidents? _incidents;
    private Fraud.SqliteFraudReports? _fraud;
    private GuardState.SqliteGuardState? _guard;
    private const int SqliteFull = 13;
    private const int SqliteNotADatabase = 26;
    private const int SqliteCorrupt = 11;

    private readonly SqliteConnection _connection;
    private readonly string _path;

    /// <summary>The connection's cache (128 MB: bounded, whatever the store's size) and temporary data in memory.</summary>
    internal const string CachePragmas = "PRAGMA cache_size = -131072; PRAGMA temp_store = MEMORY";

    public SqliteBackend(string path)
    {
        _path = Path.GetFullPath(path);
        Description = $"SQLite {_path}";
        var folder = Path.GetDirectoryName(_path);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 600,
        }.ToString());
        try
        {
            _connection.Open();
            Execute("PRAGMA busy_timeout = 600000");
            var tables = Tables();
            if (tables.Count == 0)
            {
                Execute("PRAGMA journal_mode = WAL");
                Execute($"CREATE TABLE IF NOT EXISTS {MetaTable} (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            }
            else if (!tables.Contains(MetaTable))
            {
                throw new StoreException($"{_path} is a SQLite database of something else (tables: {string.Join(", ", tables.Order().Take(5))}); Tracemark will not write into it. Give another --store.");
            }

            KnownLeaks = new SqliteKnownLeaks(this);
            Migrate("known_leaks", SqliteKnownLeaks.Migrations);

            Execute("PRAGMA synchronous = NORMAL");
            Execute(CachePragmas);
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw Explain(e);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public string Description { get; }

    public IKnownLeaks KnownLeaks { get; }

    public IOwnerData OwnerData => _owner ??= Open(() => new SqliteOwnerData(this), "owner_data", SqliteOwnerData.Migrations);

    public Incidents.IIncidents Incidents => _incidents ??= Open(() => new Incidents.SqliteIncidents(this), "incidents", Tracemark.Store.Incidents.SqliteIncidents.Migrations);

    public Fraud.IFraudReports FraudReports => _fraud ??= Open(() => new Fraud.SqliteFraudReports(this), "fraud_reports", Tracemark.Store.Fraud.SqliteFraudReports.Migrations);

    public GuardState.IGuardState GuardState => _guard ??= Open(() => new GuardState.SqliteGuardState(this), "guard_state", Tracemark.Store.GuardState.SqliteGuardState.Migrations);

    internal SqliteConnection Connection => _connection;

    private T Open<T>(Func<T> make, string capability, IReadOnlyList<Migration> migrations)
    {
        Migrate(capability, migrations);
        return make();
    }

    // IMMEDIATE: the write lock is taken before the version is read again, so two processes cannot both migrate.
    private void Migrate(string capability, IReadOnlyList<Migration> migrations) => Guard(() =>
    {
        Migrations.Run(_connection, () => _connection.BeginTransaction(deferred: false), MetaTable, capability, migrations, Description);
        return 0;
    });

    private List<string> Tables()
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read())
        {
            names.Add(r.GetString(0));
        }

        return names;
    }

    public string? ReadMeta(string key) => Guard(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"SELECT value FROM {MetaTable} WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    });

    public void WriteMeta(string key, string value) => Guard(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = $"INSERT INTO {MetaTable} (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        return cmd.ExecuteNonQuery();
    });

    public bool HasData() => Guard(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "SELECT EXISTS (SELECT 1 FROM datasets) OR EXISTS (SELECT 1 FROM tracemark_meta WHERE key = 'key_check')";
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;
    });

    public long SizeOnDisk()
    {
        long size = 0;
        foreach (var file in new[] { _path, _path + "-wal" })
        {
            if (File.Exists(file))
            {
                size += new FileInfo(file).Length;
            }
        }

        return size;
    }

    public void Dispose() => _connection.Dispose();

    internal void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    internal T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw Explain(e);
        }
    }

    internal StoreException Explain(SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteNotADatabase => new StoreException($"{_path} is not a Tracemark store: it is not a SQLite database (or it is damaged). Give another --store.", e),
        SqliteCorrupt => new StoreException($"the store {_path} is damaged ({e.Message}); restore it from a backup or run `sqlite3 {_path} .recover`.", e),
        SqliteFull => new StoreException($"the disk holding {_path} is full; nothing written so far is lost, and a dataset being ingested stays incomplete. Free space, then run the same ingest again to resume.", e),
        _ => new StoreException($"the store {_path} failed: {e.Message}", e),
    };
}
