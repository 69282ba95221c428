using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tracemark.Store.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster from Debian's postgresql (initdb + pg_ctl on a free port, socket and data in a
/// temp folder, stopped and deleted at the end). As root it runs as the postgres user, since initdb refuses root.
/// Missing PostgreSQL fails the tests that need it: ./test.sh installs it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string _bin;
    private readonly string _dir;
    private readonly bool _asPostgres;
    private int _databases;

    public PostgresServer()
    {
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault() ?? string.Empty
            : string.Empty;
        if (_bin.Length == 0)
        {
            throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); ./test.sh installs Debian's postgresql");
        }

        _dir = Path.Combine(Path.GetTempPath(), $"tracemark-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dir);
        _asPostgres = Environment.UserName == "root";
        if (_asPostgres)
        {
            Run("chown", $"postgres: {_dir}", asPostgres: false);
        }

        Port = FreePort();
        Run(Path.Combine(_bin, "initdb"), $"-D {_dir}/data -A trust -U postgres --no-sync -E UTF8", _asPostgres);
        Run(Path.Combine(_bin, "pg_ctl"), $"-D {_dir}/data -l {_dir}/log -w -o \"-p {Port} -k {_dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off\" start", _asPostgres);
    }

    public int Port { get; }

    /// <summary>A new, empty database on the server, as a postgres:// URL: each test gets its own.</summary>
    public string NewDatabase()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false");
        connection.Open();
        using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        cmd.ExecuteNonQuery();
        return $"postgres://postgres@127.0.0.1:{Port}/{name}";
    }

    /// <summary>Runs a plain-SQL file (as pg_dump writes it) into the database of a URL from <see cref="NewDatabase"/>, stopping at the first error.</summary>
    public void Psql(string url, string file)
    {
        var database = url[(url.LastIndexOf('/') + 1)..];
        Run(Path.Combine(_bin, "psql"), $"-h 127.0.0.1 -p {Port} -U postgres -d {database} -q -v ON_ERROR_STOP=1 -f {file}", asPostgres: false);
    }

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(_bin, "pg_ctl"), $"-D {_dir}/data -m immediate -w stop", _asPostgres);
        }
        finally
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }
}

[CollectionDefinition("postgres")]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresServer>
{
}
