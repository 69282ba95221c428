using Microsoft.Data.Sqlite;
using SQLitePCL;
using Tracemark.Store.Tags;

namespace Tracemark.Store.Backends;

/// <summary>
/// The embedded store: one SQLite file in WAL mode, so a compare reads while an ingest writes. Occurrences live in
/// one WITHOUT ROWID table keyed by (tag, dataset): the tag is stored once per row, with no separate index.
/// </summary>
internal sealed class SqliteBackend : IStoreBackend
{
    private const int SqliteFull = 13;
    private const int SqliteNotADatabase = 26;
    private const int SqliteCorrupt = 11;

    private const string Schema = """
        CREATE TABLE tracemark_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE datasets (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            category TEXT NOT NULL,
            seen TEXT NOT NULL,
            source TEXT,
            content_hash TEXT NOT NULL UNIQUE,
            records INTEGER NOT NULL DEFAULT 0,
            persons INTEGER NOT NULL DEFAULT 0,
            identifiers INTEGER NOT NULL DEFAULT 0,
            kinds TEXT NOT NULL DEFAULT '{}',
            newest_record TEXT,
            complete INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE occurrences (
            tag BLOB NOT NULL,
            dataset INTEGER NOT NULL,
            kind INTEGER NOT NULL,
            first_seen INTEGER NOT NULL,
            PRIMARY KEY (tag, dataset)) WITHOUT ROWID;
        INSERT INTO tracemark_meta (key, value) VALUES ('schema', '1');
        """;

    private readonly SqliteConnection _connection;
    private readonly string _path;

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
                using var tx = _connection.BeginTransaction();
                Execute(Schema, tx);
                tx.Commit();
            }
            else if (!tables.Contains("tracemark_meta") || !tables.Contains("occurrences"))
            {
                throw new StoreException($"{_path} is a SQLite database of something else (tables: {string.Join(", ", tables.Order().Take(5))}); Tracemark will not write into it. Give another --store.");
            }

            Execute("PRAGMA synchronous = NORMAL");
            Execute("PRAGMA cache_size = -131072"); // 128 MB: bounded, whatever the store's size
            Execute("PRAGMA temp_store = MEMORY");
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
        cmd.CommandText = "SELECT value FROM tracemark_meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    });

    public void WriteMeta(string key, string value) => Guard(() =>
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "INSERT INTO tracemark_meta (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
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

    public IReadOnlyList<Dataset> Datasets() => Guard(() => (IReadOnlyList<Dataset>)DatasetRows.All(_connection, "datasets"));

    public (StartOutcome Outcome, Dataset Dataset) Start(NewDataset d) => Guard(() =>
    {
        // IMMEDIATE: two ingests of the same content cannot both insert a row; the second resumes the first's.
        using var tx = _connection.BeginTransaction(deferred: false);
        var started = DatasetRows.Start(_connection, tx, "datasets", d);
        tx.Commit();
        return started;
    });

    // The hot path goes to SQLite's C API through SQLitePCLRaw (Microsoft.Data.Sqlite's own dependency): a
    // SqliteCommand costs microseconds of managed work per row. Rows go in 64 to a statement, which halves the
    // per-row cost of stepping a statement.
    private const int RowsPerStatement = 64;

    public void Add(long dataset, int firstSeenDay, ReadOnlySpan<TaggedIdentifier> sortedDistinct)
    {
        var db = _connection.Handle!;
        try
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            using (var many = Prepare(db, RowsPerStatement, dataset, firstSeenDay))
            using (var one = Prepare(db, 1, dataset, firstSeenDay))
            {
                var i = 0;
                for (; i + RowsPerStatement <= sortedDistinct.Length; i += RowsPerStatement)
                {
                    Insert(db, many, sortedDistinct.Slice(i, RowsPerStatement));
                }

                for (; i < sortedDistinct.Length; i++)
                {
                    Insert(db, one, sortedDistinct.Slice(i, 1));
                }
            }

            tx.Commit();
        }
        catch (SqliteException e)
        {
            throw Explain(e);
        }
    }

    // ?1 dataset and ?2 first seen are shared by every row; each row binds its tag and kind.
    private static sqlite3_stmt Prepare(sqlite3 db, int rows, long dataset, int firstSeenDay)
    {
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r => $"(?{3 + (2 * r)}, ?1, ?{4 + (2 * r)}, ?2)"));
        Check(raw.sqlite3_prepare_v2(db, $"INSERT OR IGNORE INTO occurrences (tag, dataset, kind, first_seen) VALUES {values}", out var stmt), db);
        Check(raw.sqlite3_bind_int64(stmt, 1, dataset), db);
        Check(raw.sqlite3_bind_int64(stmt, 2, firstSeenDay), db);
        return stmt;
    }

    private static void Insert(sqlite3 db, sqlite3_stmt stmt, ReadOnlySpan<TaggedIdentifier> rows)
    {
        Span<byte> tag = stackalloc byte[Tag.Size];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r].Tag.Write(tag);
            Check(raw.sqlite3_bind_blob(stmt, 3 + (2 * r), tag), db);
            Check(raw.sqlite3_bind_int(stmt, 4 + (2 * r), rows[r].Kind), db);
        }

        var rc = raw.sqlite3_step(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc, db);
        }

        Check(raw.sqlite3_reset(stmt), db);
    }

    public void Complete(long dataset, DatasetFigures f) => Guard(() =>
    {
        DatasetRows.Complete(_connection, "datasets", dataset, f, 1);
        return 0;
    });

    public void Remove(long dataset) => Guard(() =>
    {
        using var tx = _connection.BeginTransaction(deferred: false);
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.Parameters.AddWithValue("$id", dataset);
        cmd.CommandText = "DELETE FROM occurrences WHERE dataset = $id";
        cmd.ExecuteNonQuery();
        cmd.CommandText = "DELETE FROM datasets WHERE id = $id";
        cmd.ExecuteNonQuery();
        tx.Commit();
        return 0;
    });

    // One prepared point query per tag, in tag order (so consecutive seeks share cached pages): measured faster than
    // loading the tags into a temporary table and joining (1.9 s for a million against a million-row store).
    public void Lookup(ReadOnlySpan<TaggedIdentifier> sortedDistinct, List<TagHit> hits)
    {
        var db = _connection.Handle!;
        try
        {
            // One read transaction for all seeks: without it every statement opens its own snapshot of the WAL.
            using var tx = _connection.BeginTransaction(deferred: true);
            Check(raw.sqlite3_prepare_v2(db, "SELECT dataset, first_seen FROM occurrences WHERE tag = ?1", out var select), db);
            using (select)
            {
                Span<byte> tag = stackalloc byte[Tag.Size];
                for (var i = 0; i < sortedDistinct.Length; i++)
                {
                    sortedDistinct[i].Tag.Write(tag);
                    Check(raw.sqlite3_bind_blob(select, 1, tag), db);
                    int rc;
                    while ((rc = raw.sqlite3_step(select)) == raw.SQLITE_ROW)
                    {
                        hits.Add(new TagHit(i, raw.sqlite3_column_int64(select, 0), raw.sqlite3_column_int(select, 1)));
                    }

                    if (rc != raw.SQLITE_DONE)
                    {
                        Check(rc, db);
                    }

                    Check(raw.sqlite3_reset(select), db);
                }
            }

            tx.Commit();
        }
        catch (SqliteException e)
        {
            throw Explain(e);
        }
    }

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

    public System.Data.Common.DbConnection Connection => _connection;

    public IBulkWriter Bulk(string table, params string[] columns) => new SqliteBulk(this, table, columns);

    // 64 rows to a statement through the C API, as the ingest does, inside the caller's transaction.
    private sealed class SqliteBulk : IBulkWriter
    {
        private readonly SqliteBackend _owner;
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _many;
        private readonly sqlite3_stmt _one;
        private readonly int _columns;
        private readonly object?[] _pending;
        private int _count;

        public SqliteBulk(SqliteBackend owner, string table, string[] columns)
        {
            _owner = owner;
            _db = owner._connection.Handle!;
            _columns = columns.Length;
            _pending = new object?[RowsPerStatement * _columns];
            string Values(int rows) => string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(1, _columns).Select(c => $"?{(r * _columns) + c}")) + ")"));
            var head = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ";
            Check(raw.sqlite3_prepare_v2(_db, head + Values(RowsPerStatement), out _many), _db);
            Check(raw.sqlite3_prepare_v2(_db, head + Values(1), out _one), _db);
        }

        public void Add(ReadOnlySpan<object?> values)
        {
            values.CopyTo(_pending.AsSpan(_count * _columns));
            if (++_count == RowsPerStatement)
            {
                Flush(_many, _pending.AsSpan(0, _count * _columns));
                _count = 0;
            }
        }

        public void Complete()
        {
            for (var r = 0; r < _count; r++)
            {
                Flush(_one, _pending.AsSpan(r * _columns, _columns));
            }

            _count = 0;
        }

        private void Flush(sqlite3_stmt stmt, ReadOnlySpan<object?> values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                var rc = values[i] switch
                {
                    null => raw.sqlite3_bind_null(stmt, i + 1),
                    long l => raw.sqlite3_bind_int64(stmt, i + 1, l),
                    int n => raw.sqlite3_bind_int64(stmt, i + 1, n),
                    string text => raw.sqlite3_bind_text(stmt, i + 1, text),
                    byte[] blob => raw.sqlite3_bind_blob(stmt, i + 1, blob),
                    var other => throw new ArgumentException($"cannot store a {other.GetType().Name}"),
                };
                Check(rc, _db);
            }

            var step = raw.sqlite3_step(stmt);
            if (step != raw.SQLITE_DONE)
            {
                try
                {
                    Check(step, _db);
                }
                catch (SqliteException e)
                {
                    throw _owner.Explain(e);
                }
            }

            Check(raw.sqlite3_reset(stmt), _db);
        }

        public void Dispose()
        {
            _many.Dispose();
            _one.Dispose();
        }
    }

    public bool IsPostgres => false;

    public string Table(string name) => name;

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }

    private T Guard<T>(Func<T> action)
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

    private StoreException Explain(SqliteException e) => e.SqliteErrorCode switch
    {
        SqliteNotADatabase => new StoreException($"{_path} is not a Tracemark store: it is not a SQLite database (or it is damaged). Give another --store.", e),
        SqliteCorrupt => new StoreException($"the store {_path} is damaged ({e.Message}); restore it from a backup or run `sqlite3 {_path} .recover`.", e),
        SqliteFull => new StoreException($"the disk holding {_path} is full; nothing written so far is lost, and a dataset being ingested stays incomplete. Free space, then run the same ingest again to resume.", e),
        _ => new StoreException($"the store {_path} failed: {e.Message}", e),
    };
}
