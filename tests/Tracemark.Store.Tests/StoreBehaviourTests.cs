using Tracemark.Store.Backends;
using Tracemark.Store.Tags;
using Tracemark.Tests;

namespace Tracemark.Store.Tests;

/// <summary>The same behaviour from both backends: every test runs against SQLite and PostgreSQL.</summary>
[Collection("postgres")]
public sealed class StoreBehaviourTests(PostgresServer server)
{
    private static readonly DateOnly Seen = new(2025, 6, 2);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Ingest_registers_a_dataset_with_its_counts(string backend)
    {
        using var dir = new TempDir();
        using var store = Leaks.Open(backend, dir, server);
        var writing = new StoreMonitor();
        var result = store.Ingest(Leaks.Scan(Leaks.Csv(dir, "a.csv", 0, 1000)), "a", "courier", Seen, "forum post", writing: writing);

        Assert.Equal("added", result.Outcome);
        Assert.Equal((1000L, 1000L), (writing.ToWrite, writing.Written));
        var d = Assert.Single(store.Datasets());
        Assert.Equal(("a", "courier", Seen, "forum post"), (d.Name, d.Category, d.Seen, d.Source));
        Assert.Equal(1000, d.Records);
        Assert.Equal(1000, d.Identifiers);
        Assert.True(d.Complete);
        Assert.Equal(new DateTime(2025, 6, 1, 10, 0, 0), d.NewestRecord);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void The_same_content_again_changes_nothing_even_under_another_name(string backend)
    {
        using var dir = new TempDir();
        using var store = Leaks.Open(backend, dir, server);
        var file = Leaks.Csv(dir, "a.csv", 0, 500);
        store.Ingest(Leaks.Scan(file), "a", "courier", Seen, null);
        var size = store.SizeOnDisk();

        var again = store.Ingest(Leaks.Scan(file), "a-again", "loan", Seen.AddDays(3), null);

        Assert.Equal("unchanged", again.Outcome);
        Assert.Equal("a", again.Dataset.Name);
        Assert.Single(store.Datasets());
        Assert.Equal(size, store.SizeOnDisk());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_name_in_use_for_other_content_is_refused(string backend)
    {
        using var dir = new TempDir();
        using var store = Leaks.Open(backend, dir, server);
        store.Ingest(Leaks.Scan(Leaks.Csv(dir, "a.csv", 0, 10)), "a", "courier", Seen, null);

        var e = Assert.Throws<StoreException>(() => store.Ingest(Leaks.Scan(Leaks.Csv(dir, "b.csv", 10, 20)), "a", "courier", Seen, null));
        Assert.Contains("already exists with other content", e.Message, StringComparison.Ordinal);
        Assert.Single(store.Datasets());
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Compare_counts_exact_overlaps_per_dataset_and_the_earliest_date(string backend)
    {
        using var dir = new TempDir();
        using var store = Leaks.Open(backend, dir, server);
        store.Ingest(Leaks.Scan(Leaks.Csv(dir, "old.csv", 0, 1000)), "old", "courier", new DateOnly(2024, 1, 5), null);
        store.Ingest(Leaks.Scan(Leaks.Csv(dir, "mid.csv", 800, 1200)), "mid", "loan", new DateOnly(2025, 3, 1), null);

        var c = store.Compare(Leaks.Scan(Leaks.Csv(dir, "new.csv", 900, 1500)), new DateOnly(2025, 6, 2));

        // 900..1499: 100 in old only (900..999 also in mid), 300 in mid (900..1199), 300 new (1200..1499).
        Assert.Equal(600, c.Identifiers);
        Assert.Equal(300, c.Known);
        Assert.Equal(300, c.New);
        Assert.Equal([("mid", 300L), ("old", 100L)], c.Datasets.Select(d => (d.Name, d.Overlap)));
        Assert.Equal(new DateOnly(2024, 1, 5), c.EarliestFirstSeen);
        var mobile = Assert.Single(c.Kinds);
        Assert.Equal(("mobile", 600L, 300L), (mobile.Kind, mobile.Identifiers, mobile.Known));
        Assert.Null(c.SameAs);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_large_compare_split_over_connections_counts_every_overlap_once(string backend)
    {
        // Over 100,000 tags the PostgreSQL lookup runs on one connection per core; the halves must add up.
        using var dir = new TempDir();
        using var store = Leaks.Open(backend, dir, server);
        store.Ingest(Leaks.Scan(Leaks.Csv(dir, "a.csv", 0, 120_000)), "a", "courier", Seen, null);

        var c = store.Compare(Leaks.Scan(Leaks.Csv(dir, "q.csv", 60_000, 200_000)), Seen);

        Assert.Equal((140_000L, 60_000L, 80_000L), (c.Identifiers, c.Known, c.New));
        Assert.Equal(60_000, Assert.Single(c.Datasets).Overlap);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void Removing_a_dataset_removes_only_its_occurrences(string backend)
    {
        using var dir = new TempDir();
        using var store = Leaks.Open(backend, dir, server);
        store.Ingest(Leaks.Scan(Leaks.Csv(dir, "a.csv", 0, 100)), "a", "courier", Seen, null);
        store.Ingest(Leaks.Scan(Leaks.Csv(dir, "b.csv", 50, 150)), "b", "courier", Seen, null);

        Assert.True(store.Remove("a"));
        Assert.False(store.Remove("a"));

        var c = store.Compare(Leaks.Scan(Leaks.Csv(dir, "q.csv", 0, 150)), Seen);
        Assert.Equal(100, c.Known);
        Assert.Equal("b", Assert.Single(c.Datasets).Name);
        Assert.Equal(["b"], store.Datasets().Select(d => d.Name));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void An_interrupted_ingest_is_left_out_of_comparisons_and_resumes(string backend)
    {
        using var dir = new TempDir();
        var file = Leaks.Csv(dir, "a.csv", 0, 300);
        var location = Leaks.Location(backend, dir, server);

        // What a crash after the first chunk leaves: a loading dataset with some of its tags.
        using (var store = KnownLeakStore.Open(location, create: true))
        {
            store.Ingest(Leaks.Scan(Leaks.Csv(dir, "other.csv", 1000, 1001)), "other", "other", Seen, null);
        }

        var key = StoreKey.Load(location.KeyFile);
        using (IStoreBackend raw = location.IsPostgres
            ? new PostgresBackend(StoreLocation.ToConnectionString(location.Store), "test")
            : new SqliteBackend(location.Store))
        {
            var (_, d) = raw.KnownLeaks.Start(new NewDataset("a", "courier", Seen, null, KnownLeakStore.ContentHash([file])));
            using var tagger = new Tagger(key);
            var part = Enumerable.Range(0, 100).Select(i => new TaggedIdentifier(tagger.Make(Identifiers.IdentifierKind.Mobile, Leaks.Mobile(i)), (byte)Identifiers.IdentifierKind.Mobile)).ToArray();
            raw.KnownLeaks.Add(d.Id, DatasetRows.DayNumber(Seen), part.AsSpan(0, TaggedIdentifier.SortDistinct(part)));
        }

        using (var store = KnownLeakStore.Open(location, create: false))
        {
            Assert.False(store.Datasets().Single(d => d.Name == "a").Complete);
            Assert.Equal(0, store.Compare(Leaks.Scan(Leaks.Csv(dir, "q.csv", 0, 300)), Seen).Known);

            var resumed = store.Ingest(Leaks.Scan(file), "a", "courier", Seen, null);

            Assert.Equal("resumed", resumed.Outcome);
            Assert.True(resumed.Dataset.Complete);
            Assert.Equal(300, store.Compare(Leaks.Scan(Leaks.Csv(dir, "q2.csv", 0, 300)), Seen).Known);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Two_ingests_at_once_both_land_and_the_same_content_lands_once(string backend)
    {
        using var dir = new TempDir();
        var location = Leaks.Location(backend, dir, server);
        using (KnownLeakStore.Open(location, create: true))
        {
        }

        var a = Leaks.Csv(dir, "a.csv", 0, 5000);
        var b = Leaks.Csv(dir, "b.csv", 5000, 9000);
        var runs = new[] { (a, "a"), (b, "b"), (a, "a-twin") }.Select(run => Task.Run(() =>
        {
            using var store = KnownLeakStore.Open(location, create: false);
            return store.Ingest(Leaks.Scan(run.Item1), run.Item2, "courier", Seen, null);
        })).ToArray();
        await Task.WhenAll(runs);

        using var check = KnownLeakStore.Open(location, create: false);
        var sets = check.Datasets();
        Assert.Equal(2, sets.Count);
        Assert.All(sets, d => Assert.True(d.Complete));
        var c = check.Compare(Leaks.Scan(Leaks.Csv(dir, "q.csv", 0, 9000)), Seen);
        Assert.Equal(9000, c.Known);
        Assert.Equal(9000, c.Datasets.Sum(d => d.Overlap));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Compare_during_an_ingest_sees_only_complete_datasets(string backend)
    {
        using var dir = new TempDir();
        var location = Leaks.Location(backend, dir, server);
        var big = Leaks.Csv(dir, "big.csv", 0, 60_000);
        using (var s = KnownLeakStore.Open(location, create: true))
        {
            s.Ingest(Leaks.Scan(Leaks.Csv(dir, "small.csv", 0, 10)), "small", "courier", Seen, null);
        }

        using var writer = KnownLeakStore.Open(location, create: false);
        var ingest = Task.Run(() => new KnownLeakStoreChunks(writer).Ingest(big));
        using var reader = KnownLeakStore.Open(location, create: false);
        var query = Leaks.Csv(dir, "q.csv", 0, 60_000);
        var known = new List<long>();
        while (!ingest.IsCompleted)
        {
            known.Add(reader.Compare(Leaks.Scan(query), Seen).Known);
        }

        await ingest;
        known.Add(reader.Compare(Leaks.Scan(query), Seen).Known);
        Assert.All(known, k => Assert.True(k is 10 or 60_000, $"a comparison saw {k} known: part of an incomplete dataset"));
        Assert.Equal(60_000, known[^1]);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_wrong_key_is_refused(string backend)
    {
        using var dir = new TempDir();
        var location = Leaks.Location(backend, dir, server);
        using (var s = KnownLeakStore.Open(location, create: true))
        {
            s.Ingest(Leaks.Scan(Leaks.Csv(dir, "a.csv", 0, 10)), "a", "courier", Seen, null);
        }

        StoreKey.Create(dir.File("other.key"));
        var e = Assert.Throws<StoreException>(() => KnownLeakStore.Open(location with { KeyFile = dir.File("other.key") }, create: true));
        Assert.Contains("is not the key of", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public void A_missing_key_is_refused_and_never_replaced(string backend)
    {
        using var dir = new TempDir();
        var location = Leaks.Location(backend, dir, server);
        using (var s = KnownLeakStore.Open(location, create: true))
        {
            s.Ingest(Leaks.Scan(Leaks.Csv(dir, "a.csv", 0, 10)), "a", "courier", Seen, null);
        }

        File.Delete(location.KeyFile);
        var e = Assert.Throws<StoreException>(() => KnownLeakStore.Open(location, create: true));
        Assert.Contains("is missing", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(location.KeyFile));
    }

    /// <summary>Ingests with small chunks so that an ingest commits many times while it runs.</summary>
    private sealed class KnownLeakStoreChunks(KnownLeakStore store)
    {
        public IngestResult Ingest(string file) =>
            store.WithChunkSize(1000).Ingest(Leaks.Scan(file), "big", "courier", Seen, null);
    }
}
