using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Tracemark.Store.Backends;

/// <summary>Reading and writing dataset rows the same way in both backends.</summary>
internal static class DatasetRows
{
    public const string Columns = "id, name, category, seen, source, content_hash, records, persons, identifiers, kinds, newest_record, complete";

    public static Dataset Read(DbDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        DateOnly.ParseExact(r.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.IsDBNull(4) ? null : r.GetString(4),
        r.GetString(5),
        r.GetInt64(6),
        r.GetInt64(7),
        r.GetInt64(8),
        JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(9)) ?? [],
        r.IsDBNull(10) ? null : DateTime.ParseExact(r.GetString(10), "s", CultureInfo.InvariantCulture),
        Convert.ToInt64(r.GetValue(11), CultureInfo.InvariantCulture) != 0);

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string? Time(DateTime? time) => time?.ToString("s", CultureInfo.InvariantCulture);

    public static string Kinds(IReadOnlyDictionary<string, long> kinds) => JsonSerializer.Serialize(kinds);

    /// <summary>First-seen dates are stored as days since 1970-01-01: a small integer on every occurrence row.</summary>
    public static int DayNumber(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static DateOnly FromDayNumber(int days) => DateOnly.FromDayNumber(days + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);

    // The dataset table is small and plain SQL: both backends share these (ADO.NET, @-parameters, which SQLite and
    // PostgreSQL both accept); only the occurrence paths are backend-specific.

    public static List<Dataset> All(DbConnection connection, string table)
    {
        using var cmd = Command(connection, null, $"SELECT {Columns} FROM {table} ORDER BY seen, id");
        using var r = cmd.ExecuteReader();
        var list = new List<Dataset>();
        while (r.Read())
        {
            list.Add(Read(r));
        }

        return list;
    }

    /// <summary>Registers a dataset inside the caller's transaction (which serialises concurrent starts).</summary>
    public static (StartOutcome Outcome, Dataset Dataset) Start(DbConnection connection, DbTransaction tx, string table, NewDataset d)
    {
        var existing = Find(connection, tx, table, "content_hash", d.ContentHash);
        if (existing is not null)
        {
            return (existing.Complete ? StartOutcome.AlreadyComplete : StartOutcome.Resumed, existing);
        }

        if (Find(connection, tx, table, "name", d.Name) is not null)
        {
            throw new StoreException($"a dataset named '{d.Name}' already exists with other content; choose another --name, or remove it first with `tracemark datasets rm {d.Name}`");
        }

        // The id comes from the database (SQLite's rowid, a PostgreSQL sequence): never max + 1 on the client.
        using var cmd = Command(connection, tx, $"INSERT INTO {table} (name, category, seen, source, content_hash) VALUES (@n, @c, @s, @src, @h) RETURNING {Columns}");
        Parameter(cmd, "n", d.Name);
        Parameter(cmd, "c", d.Category);
        Parameter(cmd, "s", Day(d.Seen));
        Parameter(cmd, "src", d.Source);
        Parameter(cmd, "h", d.ContentHash);
        using var r = cmd.ExecuteReader();
        r.Read();
        return (StartOutcome.Started, Read(r));
    }

    public static void Complete(DbConnection connection, string table, long dataset, DatasetFigures f, object complete)
    {
        using var cmd = Command(connection, null, $"UPDATE {table} SET records = @r, persons = @p, identifiers = @i, kinds = @k, newest_record = @t, complete = @done WHERE id = @id");
        Parameter(cmd, "r", f.Records);
        Parameter(cmd, "p", f.Persons);
        Parameter(cmd, "i", f.Identifiers);
        Parameter(cmd, "k", Kinds(f.Kinds));
        Parameter(cmd, "t", Time(f.NewestRecord));
        Parameter(cmd, "done", complete);
        Parameter(cmd, "id", dataset);
        cmd.ExecuteNonQuery();
    }

    private static Dataset? Find(DbConnection connection, DbTransaction tx, string table, string column, string value)
    {
        using var cmd = Command(connection, tx, $"SELECT {Columns} FROM {table} WHERE {column} = @v");
        Parameter(cmd, "v", value);
        using var r = cmd.ExecuteReader();
        return r.Read() ? Read(r) : null;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    private static void Parameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        if (value is null)
        {
            p.DbType = DbType.String;
        }

        cmd.Parameters.Add(p);
    }
}
