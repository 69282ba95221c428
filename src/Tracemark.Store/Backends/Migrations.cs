using System.Data.Common;
using System.Globalization;

namespace Tracemark.Store.Backends;

/// <summary>One step of a capability's schema, in one dialect. Versions count from 1 and never change once released.</summary>
internal sealed record Migration(int Version, string Sql);

/// <summary>
/// Versioned schemas, one line of versions per capability ("schema.known_leaks", "schema.owner_data" in the meta
/// table): opening a store runs, each in its own transaction together with its version bump, every step newer than
/// what the store has. A store newer than this program is refused rather than written with an older schema.
/// </summary>
internal static class Migrations
{
    /// <summary>Meta keys of the release before versioned migrations (a83c9eb), and the version each value means now.</summary>
    private static readonly Dictionary<string, (string Key, Dictionary<string, int> Means)> Legacy = new(StringComparer.Ordinal)
    {
        ["known_leaks"] = ("schema", new() { ["1"] = 1 }),

        // Owner schema "1" lacked some tables that version 1's CREATE … IF NOT EXISTS adds.
        ["owner_data"] = ("owner_schema", new() { ["1"] = 0, ["2"] = 1 }),
    };

    public static string Key(string capability) => "schema." + capability;

    /// <summary>The version a store holds of <paramref name="capability"/>; 0 when it has none yet.</summary>
    public static int Version(Func<string, string?> readMeta, string capability)
    {
        var text = readMeta(Key(capability));
        if (text is null && Legacy.TryGetValue(capability, out var legacy))
        {
            var old = readMeta(legacy.Key);
            return old is not null && legacy.Means.TryGetValue(old, out var v) ? v : 0;
        }

        return text is null ? 0 : int.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Brings <paramref name="capability"/> up to the last of <paramref name="steps"/>. <paramref name="begin"/> opens
    /// a transaction that already holds whatever lock keeps two processes from migrating at once.
    /// </summary>
    public static void Run(DbConnection connection, Func<DbTransaction> begin, string metaTable, string capability, IReadOnlyList<Migration> steps, string description)
    {
        var latest = steps[^1].Version;
        string? Read(DbTransaction? tx, string key)
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT value FROM {metaTable} WHERE key = @k";
            var p = cmd.CreateParameter();
            p.ParameterName = "k";
            p.Value = key;
            cmd.Parameters.Add(p);
            return cmd.ExecuteScalar() as string;
        }

        if (Version(k => Read(null, k), capability) == latest)
        {
            return; // the common case, without taking a write lock
        }

        using var tx = begin();
        var version = Version(k => Read(tx, k), capability); // again under the lock: another process may have migrated
        if (version > latest)
        {
            throw new StoreException($"{description} holds version {version} of the {capability.Replace('_', ' ')} schema, newer than this program knows ({latest}); use a newer tracemark");
        }

        foreach (var step in steps.Where(s => s.Version > version))
        {
            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = step.Sql;
            cmd.CommandTimeout = 0;
            cmd.ExecuteNonQuery();
        }

        using (var write = connection.CreateCommand())
        {
            write.Transaction = tx;
            write.CommandText = $"INSERT INTO {metaTable} (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
            var k = write.CreateParameter();
            k.ParameterName = "k";
            k.Value = Key(capability);
            var v = write.CreateParameter();
            v.ParameterName = "v";
            v.Value = latest.ToString(CultureInfo.InvariantCulture);
            write.Parameters.Add(k);
            write.Parameters.Add(v);
            write.ExecuteNonQuery();
        }

        tx.Commit();
    }
}
