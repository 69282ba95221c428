using Tracemark.Exposure.Index;
using Tracemark.Identifiers;
using Tracemark.Store;
using Tracemark.Tests;

namespace Tracemark.Exposure.Tests;

/// <summary>Publishing two known leaks: every member is found with exactly its leaks and fields, nobody else is,
/// every bucket has one size, dataset names show only when public, and an interrupted publish resumes.</summary>
public sealed class PublishTests
{
    private static PublishOptions Options(TempDir dir, string[] paths) => new()
    {
        Out = dir.File("index"),
        Paths = paths,
        PrefixBits = 8,
        KeyFile = dir.File("exposure.key"),
        PublicDatasets = new HashSet<string> { "sf-2025-06" },
        Workers = 2,
    };

    [Fact]
    public void Members_are_found_with_their_leaks_and_nobody_else_is()
    {
        using var dir = new TempDir("publish");
        var (store, courier, loan) = Fixtures.TwoLeaks(dir);
        using (store)
        {
            var result = Publisher.Publish(store, Options(dir, [courier, loan]));
            Assert.Equal(300 + 200, result.Entries); // 300 mobiles + 200 ID numbers
            Assert.Equal(200 + 200 + 200, result.Evaluations);
            Assert.Empty(result.Errors);
            Assert.False(Directory.Exists(dir.File("index") + ".publish-work"));
        }

        var index = dir.File("index");
        var key = dir.File("exposure.key");
        var both = Fixtures.Lookup(index, key, IdentifierKind.Mobile, Fixtures.Mobile(150));
        Assert.NotNull(both);
        Assert.Equal(["loan", "courier"], both.Leaks.Select(l => l.Category));
        Assert.Equal("2026-01", both.Leaks[0].Since);
        Assert.Equal(["cn_id", "mobile", "name"], both.Leaks[0].Fields);
        Assert.Null(both.Leaks[0].Dataset); // not marked public
        Assert.Equal(["mobile", "name"], both.Leaks[1].Fields);
        Assert.Equal("sf-2025-06", both.Leaks[1].Dataset);

        Assert.Equal(["courier"], Fixtures.Lookup(index, key, IdentifierKind.Mobile, Fixtures.Mobile(5))!.Leaks.Select(l => l.Category));
        Assert.Equal(["loan"], Fixtures.Lookup(index, key, IdentifierKind.ResidentId, Fixtures.Id(250))!.Leaks.Select(l => l.Category));
        Assert.Null(Fixtures.Lookup(index, key, IdentifierKind.Mobile, Fixtures.Mobile(300)));
        Assert.Null(Fixtures.Lookup(index, key, IdentifierKind.ResidentId, Fixtures.Id(50)));
        // The same digits under another kind are another PRF input.
        Assert.Null(Fixtures.Lookup(index, key, IdentifierKind.Email, Fixtures.Mobile(5) + "@example.com"));

        var config = IndexConfig.Read(index);
        var files = Directory.GetFiles(Path.Combine(index, "buckets"));
        Assert.Equal(256, files.Length);
        Assert.All(files, f => Assert.Equal((long)config.EntriesPerBucket * IndexFormat.EntryBytes, new FileInfo(f).Length));
        Assert.Equal(500, config.Entries);
        Assert.Equal("VOPRF", config.Mode);
        Assert.False(File.Exists(Path.Combine(index, "exposure.key")));
    }

    [Fact]
    public void A_field_of_a_kind_numbered_16_or_above_survives_publish()
    {
        // Kinds 16+ (Hong Kong and Macau passports, travel permits, Taiwan resident certificates) were dropped by a
        // 16-bit field mask: the entry said the mobile leaked with a name only.
        Assert.True((int)IdentifierKind.TaiwanResidentCertificate >= 16);
        using var dir = new TempDir("publish-kind16");
        Directory.CreateDirectory(dir.Path);
        var leak = dir.File("residents.csv");
        File.WriteAllText(leak, "姓名,手机号,居留证号\n张三," + Fixtures.Mobile(7) + ",A800000014\n");
        using (var store = KnownLeakStore.Open(new StoreLocation(dir.File("store.db"), dir.File("store.key")), create: true))
        {
            store.Ingest(new() { Paths = [leak], Workers = 2 }, "residents", "hotel", new DateOnly(2026, 1, 2), null);
            Assert.Empty(Publisher.Publish(store, Options(dir, [leak])).Errors);
        }

        var found = Fixtures.Lookup(dir.File("index"), dir.File("exposure.key"), IdentifierKind.Mobile, Fixtures.Mobile(7));
        Assert.NotNull(found);
        Assert.Contains(IdentifierKind.TaiwanResidentCertificate.Code(), found.Leaks.Single().Fields);
        Assert.Contains("mobile", found.Leaks.Single().Fields);
    }

    [Fact]
    public void An_interrupted_publish_resumes_and_gives_the_same_answers()
    {
        using var dir = new TempDir("publish-resume");
        var (store, courier, loan) = Fixtures.TwoLeaks(dir);
        using (store)
        {
            using var cancel = new CancellationTokenSource();
            var monitor = new PublishMonitor();

            // Cancelled as the merge starts, on the publishing thread: a watcher polling the phase raced a fast
            // machine (the merge of 500 entries could finish before it looked) and failed CI.
            monitor.PhaseStarted += phase =>
            {
                if (phase == "sealing entries")
                {
                    cancel.Cancel();
                }
            };
            Assert.ThrowsAny<OperationCanceledException>(() => Publisher.Publish(store, Options(dir, [courier, loan]), monitor, cancellation: cancel.Token));
            Assert.False(File.Exists(Path.Combine(dir.File("index"), "config.json")));

            var resumed = Publisher.Publish(store, Options(dir, [courier, loan]));
            Assert.True(resumed.Resumed);
            Assert.Equal(0, resumed.Evaluations); // both datasets were spooled before the interruption
            Assert.Equal(500, resumed.Entries);
        }

        Assert.Equal(2, Fixtures.Lookup(dir.File("index"), dir.File("exposure.key"), IdentifierKind.Mobile, Fixtures.Mobile(120))!.Leaks.Count);
    }

    [Fact]
    public void A_file_not_in_the_store_is_refused_by_name()
    {
        using var dir = new TempDir("publish-unknown");
        var (store, courier, _) = Fixtures.TwoLeaks(dir);
        using (store)
        {
            var stranger = Fixtures.Csv(dir, "stranger.csv", 500, 510, withId: false);
            var e = Assert.Throws<ExposureException>(() => Publisher.Publish(store, Options(dir, [courier, stranger])));
            Assert.Contains("stranger.csv", e.Message, StringComparison.Ordinal);
            Assert.Contains("ingest it first", e.Message, StringComparison.Ordinal);
            Assert.Throws<ExposureException>(() => Publisher.Publish(store, Options(dir, [courier]) with { PrefixBits = 20 }));
        }
    }

    [Fact]
    public void A_new_epoch_is_a_new_key()
    {
        using var dir = new TempDir("publish-epoch");
        var key = ExposureKey.Open(dir.File("k"), create: true);
        Assert.NotEqual(key.ForEpoch(1).Public, key.ForEpoch(2).Public);
        Assert.Equal(key.ForEpoch(1).Public, ExposureKey.Open(dir.File("k"), create: false).ForEpoch(1).Public);
        Assert.Throws<ExposureException>(() => ExposureKey.Open(dir.File("missing"), create: false));
    }
}
