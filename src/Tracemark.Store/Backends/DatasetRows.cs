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
}
