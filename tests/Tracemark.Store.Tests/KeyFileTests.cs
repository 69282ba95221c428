using Tracemark.Store.Tags;
using Tracemark.Tests;

namespace Tracemark.Store.Tests;

/// <summary>Key files for other secrets than the store's (the exposure index's seed), and finding a dataset by content.</summary>
public sealed class KeyFileTests
{
    [Fact]
    public void A_created_key_reads_back_and_is_not_overwritten()
    {
        using var dir = new TempDir("keyfile");
        var secret = KeyFile.Create(dir.File("x.key"), "tracemark-test-key-v1");
        Assert.Equal(32, secret.Length);
        Assert.Equal(secret, KeyFile.Read(dir.File("x.key"), "tracemark-test-key-v1"));
        Assert.Throws<StoreException>(() => KeyFile.Create(dir.File("x.key"), "tracemark-test-key-v1"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.File("x.key")));
        }
    }

    [Fact]
    public void A_key_of_another_purpose_is_refused_by_name()
    {
        using var dir = new TempDir("keyfile-other");
        KeyFile.Create(dir.File("x.key"), "tracemark-store-key-v1");
        var e = Assert.Throws<StoreException>(() => KeyFile.Read(dir.File("x.key"), "tracemark-exposure-key-v1"));
        Assert.Contains(dir.File("x.key"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complete_dataset_is_found_by_its_content_under_any_name()
    {
        using var dir = new TempDir("dataset-of");
        using var store = KnownLeakStore.Open(new StoreLocation(dir.File("s.db"), dir.File("s.key")), create: true);
        var file = Leaks.Csv(dir, "a.csv", 0, 50);
        store.Ingest(Leaks.Scan(file), "a", "courier", new DateOnly(2025, 6, 2), null);
        File.Copy(file, dir.File("renamed.csv"));

        Assert.Equal("a", store.CompleteDatasetOf([dir.File("renamed.csv")])?.Name);
        Assert.Null(store.CompleteDatasetOf([Leaks.Csv(dir, "b.csv", 100, 120)]));
    }
}
