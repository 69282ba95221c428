using System.Text;
using Tracemark.Scanning;
using Tracemark.Tests;

namespace Tracemark.Store.Tests;

/// <summary>Small synthetic leak files whose overlaps are known exactly, and stores to put them in.</summary>
internal static class Leaks
{
    /// <summary>A valid, synthetic mobile number: segment 138, then the number itself.</summary>
    public static string Mobile(int i) => $"1380{i:D7}";

    /// <summary>A courier-style CSV of persons with mobiles <paramref name="from"/>..<paramref name="to"/> (exclusive) and a record time.</summary>
    public static string Csv(TempDir dir, string name, int from, int to, string time = "2025-06-01 10:00:00")
    {
        var path = dir.File(name);
        Directory.CreateDirectory(dir.Path);
        var text = new StringBuilder("姓名,手机号,下单时间\n");
        for (var i = from; i < to; i++)
        {
            text.Append("张三,").Append(Mobile(i)).Append(',').Append(time).Append('\n');
        }

        File.WriteAllText(path, text.ToString(), Encoding.UTF8);
        return path;
    }

    public static ScanOptions Scan(params string[] paths) => new() { Paths = paths, Workers = 2 };

    public static StoreLocation Location(string backend, TempDir dir, PostgresServer server) => backend switch
    {
        "sqlite" => new StoreLocation(dir.File("store.db"), dir.File("store.key")),
        "postgres" => new StoreLocation(server.NewDatabase(), dir.File("pg.key")),
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

    public static KnownLeakStore Open(string backend, TempDir dir, PostgresServer server, bool create = true) =>
        KnownLeakStore.Open(Location(backend, dir, server), create);
}
