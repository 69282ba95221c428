using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tracemark.Store.Backends;

// 64 rows to a statement through the C API, as the ingest does, inside the caller's transaction.
internal sealed class SqliteBulk : IBulkWriter
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
        _db = owner.Connection.Handle!;
        _columns = columns.Length;
        _pending = new object?[SqliteKnownLeaks.RowsPerStatement * _columns];
        string Values(int rows) => string.Join(", ", Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(1, _columns).Select(c => $"?{(r * _columns) + c}")) + ")"));
        var head = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ";
        SqliteBackend.Check(raw.sqlite3_prepare_v2(_db, head + Values(SqliteKnownLeaks.RowsPerStatement), out _many), _db);
        SqliteBackend.Check(raw.sqlite3_prepare_v2(_db, head + Values(1), out _one), _db);
    }

    public void Add(ReadOnlySpan<object?> values)
    {
        values.CopyTo(_pending.AsSpan(_count * _columns));
        if (++_count == SqliteKnownLeaks.RowsPerStatement)
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
            SqliteBackend.Check(rc, _db);
        }

        var step = raw.sqlite3_step(stmt);
        if (step != raw.SQLITE_DONE)
        {
            try
            {
                SqliteBackend.Check(step, _db);
            }
            catch (SqliteException e)
            {
                throw _owner.Explain(e);
            }
        }

        SqliteBackend.Check(raw.sqlite3_reset(stmt), _db);
    }

    public void Dispose()
    {
        _many.Dispose();
        _one.Dispose();
    }
}
