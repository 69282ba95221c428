using Npgsql;

namespace Tracemark.Store;

/// <summary>
/// Where the store and its key live. A file path means SQLite; a postgres:// or postgresql:// URL means
/// PostgreSQL. Default: $TRACEMARK_STORE, else ~/.local/share/tracemark/store.db (XDG_DATA_HOME respected).
/// The key file defaults to $TRACEMARK_KEY, else beside the database file (store.key), or for PostgreSQL beside the
/// default store, named after the server and database.
/// </summary>
/// <param name="Store">The file path or URL.</param>
/// <param name="KeyFile">The key file.</param>
public sealed record StoreLocation(string Store, string KeyFile)
{
    /// <summary>True for a PostgreSQL URL.</summary>
    public bool IsPostgres => IsPostgresUrl(Store);

    /// <summary>Resolves the store and key from options, then the environment, then the defaults.</summary>
    public static StoreLocation Resolve(string? store, string? keyFile)
    {
        store ??= Environment.GetEnvironmentVariable("TRACEMARK_STORE");
        if (string.IsNullOrWhiteSpace(store))
        {
            store = Path.Combine(DataFolder(), "store.db");
        }

        keyFile ??= Environment.GetEnvironmentVariable("TRACEMARK_KEY");
        if (string.IsNullOrWhiteSpace(keyFile))
        {
            keyFile = IsPostgresUrl(store)
                ? Path.Combine(DataFolder(), $"postgres-{SafeName(Describe(store))}.key")
                : Path.ChangeExtension(Path.GetFullPath(store), ".key");
        }

        return new StoreLocation(store, keyFile);
    }

    internal static bool IsPostgresUrl(string store) =>
        store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Tracemark's data folder: $XDG_DATA_HOME/tracemark, else ~/.local/share/tracemark (the default store,
    /// its key, and other tools' key files live here).</summary>
    public static string DataFolder()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var root = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return Path.Combine(root, "tracemark");
    }

    private static string SafeName(string text) => string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    /// <summary>host:port/database of a PostgreSQL URL, without credentials (for messages and key file names).</summary>
    internal static string Describe(string url)
    {
        var b = new NpgsqlConnectionStringBuilder(ToConnectionString(url));
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    /// <summary>
    /// Turns postgres://user:password@host:port/database?host=/socket/dir&amp;sslmode=… into Npgsql's connection
    /// string (Npgsql reads key=value strings, not URLs).
    /// </summary>
    internal static string ToConnectionString(string url)
    {
        Uri uri;
        try
        {
            uri = new Uri(url);
        }
        catch (UriFormatException e)
        {
            throw new StoreException($"'{url}' is not a PostgreSQL URL (postgres://user:password@host:port/database): {e.Message}");
        }

        var b = new NpgsqlConnectionStringBuilder
        {
            Host = string.IsNullOrEmpty(uri.Host) ? "localhost" : uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : "postgres",
            Pooling = false,
            CommandTimeout = 600,
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                b.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
            try
            {
                b[kv[0] == "sslmode" ? "SSL Mode" : kv[0]] = value;
            }
            catch (ArgumentException)
            {
                throw new StoreException($"'{kv[0]}' in the store URL is not a PostgreSQL connection setting");
            }
        }

        return b.ConnectionString;
    }
}
