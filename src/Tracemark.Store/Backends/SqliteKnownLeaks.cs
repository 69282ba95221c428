using Microsoft.Data.Sqlite;
using SQLitePCL;
using Tracemark.Store.Tags;

namespace Tracemark.Store.Backends;

/// <summary>
/// Known leaks in SQLite. Occurrences live in one WITHOUT ROWID table keyed by (tag, dataset): the tag is stored once
/// per row, with no separate index.
/// </summary>
internal sealed class SqliteKnownLeaks(SqliteBackend db) : IKnownLeaks
{
    /// <summary>Version 1 is the schema of every release before versioned migrations.</summary>
    public static readonly IReadOnlyList<Migration> Migrations =
    [
        new(1, """
            CREATE TABLE IF NOT EXISTS datasets (
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
            CREATE TABLE IF NOT EXISTS occurrences (
                tag BLOB NOT NULL,
                dataset INTEGER NOT NULL,
                kind INTEGER NOT NULL,
                first_seen INTEGER NOT NULL,
                PRIMARY KEY (tag, dataset)) WITHOUT ROWID;
            """),
    ];

    private readonly SqliteBackend _db = db;

    public IReadOnlyList<Dataset> Datasets() => _db.Guard(() => (IReadOnlyList<Dataset>)DatasetRows.All(_db.Connection, "datasets"));

    public (StartOutcome Outcome, Dataset Dataset) Start(NewDataset d) => _db.Guard(() =>
    {
        // IMMEDIATE: two ingests of the same content cannot both insert a row; the second resumes the first's.
        using var tx = _db.Connection.BeginTransaction(deferred: false);
        var started = DatasetRows.Start(_db.Connection, tx, "datasets", d);
        tx.Commit();
        return started;
    });

    // The hot path goes to SQLite's C API through SQLitePCLRaw (Microsoft.Data.Sqlite's own dependency): a
    // SqliteCommand costs microseconds of managed work per row. Rows go in 64 to a statement, which halves the
    // per-row cost of stepping a statement.
    internal const int RowsPerStatement = 64;

    public void Add(long dataset, int firstSeenDay, ReadOnlySpan<TaggedIdentifier> sortedDistinct)
    {
        var db = _db.Connection.Handle!;
        try
        {
            using var tx = _db.Connection.BeginTransaction(deferred: false);
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
            throw _db.Explain(e);
        }
    }

    // ?1 dataset and ?2 first seen are shared by every row; each row binds its tag and kind.
    private static sqlite3_stmt Prepare(sqlite3 db, int rows, long dataset, int firstSeenDay)
    {
        var values = string.Join(", ", Enumerable.Range(0, rows).Select(r => $"(?{3 + (2 * r)}, ?1, ?{4 + (2 * r)}, ?2)"));
        SqliteBackend.Check(raw.sqlite3_prepare_v2(db, $"INSERT OR IGNORE INTO occurrences (tag, dataset, kind, first_seen) VALUES {values}", out var stmt), db);
        SqliteBackend.Check(raw.sqlite3_bind_int64(stmt, 1, dataset), db);
        SqliteBackend.Check(raw.sqlite3_bind_int64(stmt, 2, firstSeenDay), db);
        return stmt;
    }

    private static void Insert(sqlite3 db, sqlite3_stmt stmt, ReadOnlySpan<TaggedIdentifier> rows)
    {
        Span<byte> tag = stackalloc byte[Tag.Size];
        for (var r = 0; r < rows.Length; r++)
        {
            rows[r].Tag.Write(tag);
            SqliteBackend.Check(raw.sqlite3_bind_blob(stmt, 3 + (2 * r), tag), db);
            SqliteBackend.Check(raw.sqlite3_bind_int(stmt, 4 + (2 * r), rows[r].Kind), db);
        }

        var rc = raw.sqlite3_step(stmt);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteBackend.Check(rc, db);
        }

        SqliteBackend.Check(raw.sqlite3_reset(stmt), db);
    }

    public void Complete(long dataset, DatasetFigures f) => _db.Guard(() =>
    {
        DatasetRows.Complete(_db.Connection, "datasets", dataset, f, 1);
        return 0;
    });

    public void Remove(long dataset) => _db.Guard(() =>
    {
        using var tx = _db.Connection.BeginTransaction(deferred: false);
        using var cmd = _db.Connection.CreateCommand();
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
        var db = _db.Connection.Handle!;
        try
        {
            // One read transaction for all seeks: without it every statement opens its own snapshot of the WAL.
            using var tx = _db.Connection.BeginTransaction(deferred: true);
            SqliteBackend.Check(raw.sqlite3_prepare_v2(db, "SELECT dataset, first_seen FROM occurrences WHERE tag = ?1", out var select), db);
            using (select)
            {
                Span<byte> tag = stackalloc byte[Tag.Size];
                for (var i = 0; i < sortedDistinct.Length; i++)
                {
                    sortedDistinct[i].Tag.Write(tag);
                    SqliteBackend.Check(raw.sqlite3_bind_blob(select, 1, tag), db);
                    int rc;
                    while ((rc = raw.sqlite3_step(select)) == raw.SQLITE_ROW)
                    {
                        hits.Add(new TagHit(i, raw.sqlite3_column_int64(select, 0), raw.sqlite3_column_int(select, 1)));
                    }

                    if (rc != raw.SQLITE_DONE)
                    {
                        SqliteBackend.Check(rc, db);
                    }

                    SqliteBackend.Check(raw.sqlite3_reset(select), db);
                }
            }

            tx.Commit();
        }
        catch (SqliteException e)
        {
            throw _db.Explain(e);
        }
    }
}
