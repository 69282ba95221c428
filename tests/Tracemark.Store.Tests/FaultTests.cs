using System.Diagnostics;
using Tracemark.Tests;

namespace Tracemark.Store.Tests;

/// <summary>Damaged, foreign and full stores: each failure explained, nothing lost.</summary>
public sealed class FaultTests
{
    private static readonly DateOnly Seen = new(2025, 6, 2);

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_and_left_alone()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("notes.db");
        File.WriteAllText(path, "这不是数据库 — just some text that happens to sit where a store was expected\n");
        var before = File.ReadAllBytes(path);

        var e = Assert.Throws<StoreException>(() => KnownLeakStore.Open(new StoreLocation(path, dir.File("k.key")), create: true));

        Assert.Contains("not a Tracemark store", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.False(File.Exists(dir.File("k.key")));
    }

    [Fact]
    public void Another_programs_SQLite_database_is_refused()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Path);
        var path = dir.File("app.db");
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=false"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, phone TEXT)";
            cmd.ExecuteNonQuery();
        }

        var e = Assert.Throws<StoreException>(() => KnownLeakStore.Open(new StoreLocation(path, dir.File("k.key")), create: true));
        Assert.Contains("SQLite database of something else (tables: customers)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_store_is_reported_as_damaged()
    {
        using var dir = new TempDir();
        var location = new StoreLocation(dir.File("store.db"), dir.File("store.key"));
        using (var s = KnownLeakStore.Open(location, create: true))
        {
            s.Ingest(Leaks.Scan(Leaks.Csv(dir, "a.csv", 0, 20_000)), "a", "courier", Seen, null);
        }

        // Overwrite pages in the middle of the file (the occurrences b-tree), keeping the header intact.
        using (var f = new FileStream(location.Store, FileMode.Open, FileAccess.ReadWrite))
        {
            f.Position = f.Length / 2;
            f.Write(Enumerable.Repeat((byte)0xA5, 64 * 1024).ToArray());
        }

        var e = Assert.Throws<StoreException>(() =>
        {
            using var s = KnownLeakStore.Open(location, create: false);
            s.Compare(Leaks.Scan(Leaks.Csv(dir, "q.csv", 0, 20_000)), Seen);
            s.Remove("a");
        });
        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_against_a_store_that_does_not_exist_says_so_and_creates_nothing()
    {
        using var dir = new TempDir();
        var e = Assert.Throws<StoreException>(() => KnownLeakStore.Open(new StoreLocation(dir.File("none.db"), dir.File("none.key")), create: false));
        Assert.Contains("there is no store at", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.Path));
    }

    [Fact]
    public void A_full_disk_stops_the_ingest_with_a_clear_message_and_loses_nothing()
    {
        // A 3 MB tmpfs is a real full disk for SQLite (needs root, as in CI and ./test.sh).
        using var dir = new TempDir();
        var mount = dir.File("small");
        Directory.CreateDirectory(mount);
        Run("mount", $"-t tmpfs -o size=3m tmpfs {mount}");
        try
        {
            var location = new StoreLocation(Path.Combine(mount, "store.db"), dir.File("store.key"));
            using (var s = KnownLeakStore.Open(location, create: true))
            {
                s.Ingest(Leaks.Scan(Leaks.Csv(dir, "small.csv", 0, 1000)), "small", "courier", Seen, null);
                var e = Assert.Throws<StoreException>(() => s.WithChunkSize(20_000).Ingest(Leaks.Scan(Leaks.Csv(dir, "big.csv", 1000, 400_000)), "big", "courier", Seen, null));
                Assert.Contains("is full", e.Message, StringComparison.Ordinal);
            }

            using var after = KnownLeakStore.Open(location, create: false);
            var sets = after.Datasets();
            Assert.True(sets.Single(d => d.Name == "small").Complete);
            Assert.False(sets.Single(d => d.Name == "big").Complete);
            Assert.Equal(1000, after.Compare(Leaks.Scan(Leaks.Csv(dir, "q.csv", 0, 1000)), Seen).Known);
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static void Run(string program, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{program} {arguments}: {error} (the full-disk test needs root to mount a tmpfs)");
    }
}
