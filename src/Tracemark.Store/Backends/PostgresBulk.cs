using Npgsql;
using NpgsqlTypes;

namespace Tracemark.Store.Backends;

// Binary COPY: the fastest way rows enter PostgreSQL; inside the caller's transaction.
internal sealed class PostgresBulk : IBulkWriter
{
    private readonly NpgsqlBinaryImporter _copy;

    public PostgresBulk(NpgsqlConnection connection, string table, string[] columns)
    {
        _copy = connection.BeginBinaryImport($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
    }

    public void Add(ReadOnlySpan<object?> values)
    {
        _copy.StartRow();
        foreach (var v in values)
        {
            switch (v)
            {
                case null:
                    _copy.WriteNull();
                    break;
                case long l:
                    _copy.Write(l, NpgsqlDbType.Bigint);
                    break;
                case int n:
                    _copy.Write((long)n, NpgsqlDbType.Bigint);
                    break;
                case string text:
                    _copy.Write(text, NpgsqlDbType.Text);
                    break;
                case byte[] blob:
                    _copy.Write(blob, NpgsqlDbType.Bytea);
                    break;
                default:
                    throw new ArgumentException($"cannot store a {v.GetType().Name}");
            }
        }
    }

    public void Complete()
    {
        _copy.Complete();
        _copy.Dispose();
    }

    public void Dispose() => _copy.Dispose();
}
