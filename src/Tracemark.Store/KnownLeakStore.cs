using System.Security.Cryptography;
using Tracemark.Identifiers;
using Tracemark.Scanning;
using Tracemark.Store.Backends;
using Tracemark.Store.Tags;

namespace Tracemark.Store;

/// <summary>
/// Every known leak, remembered as keyed tags (docs/store.md): ingest a leak once, then tell whether a new file
/// is fresh or recycled. One class over SQLite (default) and PostgreSQL, with the same behaviour.
/// </summary>
public sealed class KnownLeakStore : IDisposable
{
    /// <summary>Tags per chunk sorted in memory (24 MB at the default), before it is spilled as a run or looked up.</summary>
    internal const int DefaultChunkSize = 1 << 20;

    /// <summary>Tags per transaction while a dataset's merged tags go in: an interrupted ingest keeps what committed.</summary>
    internal const int CommitBatch = 1 << 18;

    /// <summary>Where an ingest spills its sorted runs (17 bytes per identifier; tags only, deleted after).</summary>
    internal static string TempFolder => Path.GetTempPath();

    private readonly IStoreBackend _backend;
    private readonly StoreKey _key;

    private KnownLeakStore(IStoreBackend backend, StoreKey key)
    {
        _backend = backend;
        _key = key;
    }

    /// <summary>"SQLite /path/store.db" or "PostgreSQL host:port/db".</summary>
    public string Description => _backend.Description;

    internal IStoreBackend Backend => _backend;

    /// <summary>The data owner's customers, channels and access log, in the same database (created on first use).</summary>
    /// <summary>The data owner's side of the store (customers, channels, access log, canaries): what owner import and
    /// trace read and write.</summary>
    public Owner.IOwnerData OwnerData => _backend.OwnerData;

    /// <summary>A tagger with this store's key (one per thread; dispose it): tags made by it match the store's.</summary>
    public Tagger CreateTagger() => new(_key);

    /// <summary>Whether the store keeps tags of <paramref name="kind"/>: strong identifiers only, not names, addresses
    /// or masked values (too common or too partial to say two leaks share a person).</summary>
    public static bool StoresKind(Tracemark.Identifiers.IdentifierKind kind) => TagPipeline.Stores(kind);

    /// <summary>The incidents capability (docs/incident.md): incidents, their evidence and the customers affected.</summary>
    public Incidents.IIncidents Incidents => _backend.Incidents;

    /// <summary>Anti-fraud reports and their victims' keyed tags (docs/fraud.md).</summary>
    public Fraud.IFraudReports FraudReports => _backend.FraudReports;

    /// <summary>The guard's journal of followed rows, its positions in the logs it follows, and its alert ledger (docs/guard.md).</summary>
    public GuardState.IGuardState GuardState => _backend.GuardState;

    private IKnownLeaks Leaks => _backend.KnownLeaks;

    internal StoreKey Key => _key;

    /// <summary>The key file in use.</summary>
    public string KeyFile => _key.Path;

    internal int ChunkSize { get; private set; } = DefaultChunkSize;

    /// <summary>Smaller chunks commit more often (tests of interrupted and concurrent ingests use this).</summary>
    internal KnownLeakStore WithChunkSize(int size)
    {
        ChunkSize = size;
        return this;
    }

    /// <summary>
    /// Opens the store. With <paramref name="create"/>, a missing SQLite file and key are created; without it, a
    /// store that does not exist yet is an error. A store with data and no key file, or with another key file, is
    /// always refused: a new key would silently match nothing.
    /// </summary>
    public static KnownLeakStore Open(StoreLocation location, bool create)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!location.IsPostgres && !create && !File.Exists(location.Store))
        {
            throw new StoreException($"there is no store at {Path.GetFullPath(location.Store)} yet; `tracemark ingest` creates it (or give --store / TRACEMARK_STORE)");
        }

        IStoreBackend backend = location.IsPostgres
            ? new PostgresBackend(StoreLocation.ToConnectionString(location.Store), StoreLocation.Describe(location.Store))
            : new SqliteBackend(location.Store);
        try
        {
            return new KnownLeakStore(backend, OpenKey(backend, location.KeyFile));
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Lays out a sharded store (docs/scale.md): on the empty PostgreSQL database <paramref name="coordinator"/>, the
    /// large tables hash-partitioned by keyed tag (owner data by customer) into <paramref name="partitions"/>
    /// partitions (default one per shard), each a postgres_fdw foreign table on one of the empty databases
    /// <paramref name="shards"/>. Every command then works through the coordinator's URL unchanged. Returns the
    /// coordinator's description (host:port/database, no credentials).
    /// </summary>
    public static string InitSharded(string coordinator, IReadOnlyList<string> shards, int? partitions = null)
    {
        ArgumentNullException.ThrowIfNull(coordinator);
        ArgumentNullException.ThrowIfNull(shards);
        foreach (var url in shards.Prepend(coordinator))
        {
            if (!StoreLocation.IsPostgresUrl(url))
            {
                throw new StoreException($"'{url}' is not a postgres:// URL: a sharded store is PostgreSQL on the coordinator and every shard");
            }
        }

        Shards.Init(coordinator, shards, partitions ?? shards.Count);
        return StoreLocation.Describe(coordinator);
    }

    private static StoreKey OpenKey(IStoreBackend backend, string keyFile)
    {
        var check = backend.ReadMeta("key_check");
        if (StoreKey.Exists(keyFile))
        {
            var key = StoreKey.Load(keyFile);
            if (check is null)
            {
                backend.WriteMeta("key_check", key.Check);
            }
            else if (check != key.Check)
            {
                throw new StoreException($"the key file {keyFile} is not the key of {backend.Description}: its tags were made with another key, so nothing would match. Give the right key with --key or TRACEMARK_KEY.");
            }

            return key;
        }

        if (check is not null || backend.HasData())
        {
            throw new StoreException($"the key file {keyFile} of {backend.Description} is missing. Without it nothing in the store can be matched; restore it from your backup (or give --key / TRACEMARK_KEY). Tracemark will not make a new key over existing data.");
        }

        var created = StoreKey.Create(keyFile);
        backend.WriteMeta("key_check", created.Check);
        return created;
    }

    /// <summary>Every dataset, oldest first; incomplete ones (an ingest running or interrupted) included.</summary>
    public IReadOnlyList<Dataset> Datasets() => Leaks.Datasets();

    /// <summary>The completely ingested dataset whose content <paramref name="paths"/> are (the same bytes under any
    /// name or order), or null when they were never ingested or their ingest did not finish.</summary>
    public Dataset? CompleteDatasetOf(IReadOnlyList<string> paths)
    {
        var hash = ContentHash(paths);
        return Datasets().FirstOrDefault(d => d.Complete && d.ContentHash == hash);
    }

    /// <summary>Bytes on disk.</summary>
    public long SizeOnDisk() => _backend.SizeOnDisk();

    /// <summary>Removes the dataset named <paramref name="name"/> and only its occurrences; false if there is none.</summary>
    public bool Remove(string name)
    {
        var dataset = Leaks.Datasets().FirstOrDefault(d => d.Name == name);
        if (dataset is null)
        {
            return false;
        }

        Leaks.Remove(dataset.Id);
        return true;
    }

    /// <summary>
    /// Registers the leak in <paramref name="scan"/>'s paths as a dataset. The same content again changes nothing;
    /// an interrupted ingest of the same content resumes. Each chunk of tags commits on its own and the dataset
    /// counts as known only once complete, so a crash never leaves half a dataset in any answer.
    /// </summary>
    public IngestResult Ingest(ScanOptions scan, string name, string category, DateOnly seen, string? source, ScanMonitor? monitor = null, StoreMonitor? writing = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new StoreException("a dataset needs a --name");
        }

        if (!DatasetCategories.All.Contains(category))
        {
            throw new StoreException($"'{category}' is not a category; use one of {string.Join(", ", DatasetCategories.All)}");
        }

        var hash = ContentHash(scan.Paths);
        var (outcome, dataset) = Leaks.Start(new NewDataset(name, category, seen, source, hash));
        if (outcome == StartOutcome.AlreadyComplete)
        {
            return new IngestResult(dataset, "unchanged", null);
        }

        var day = DatasetRows.DayNumber(seen);
        using var runs = new SortedRuns(TempFolder);
        var summary = RunScan(scan, monitor, chunk => runs.Add(chunk), cancellation);
        writing?.Start(runs.Count);
        runs.Merge(Math.Min(CommitBatch, ChunkSize), batch =>
        {
            Leaks.Add(dataset.Id, day, batch);
            writing?.Add(batch.Length);
        });
        var stored = summary.Kinds.Where(k => IdentifierKinds.TryParse(k.Key, out var kind) && TagPipeline.Stores(kind)).Sum(k => k.Value);
        Leaks.Complete(dataset.Id, new DatasetFigures(summary.Records, summary.Persons, stored, summary.Kinds, summary.NewestRecord));
        var done = Leaks.Datasets().First(d => d.Id == dataset.Id);
        return new IngestResult(done, outcome == StartOutcome.Resumed ? "resumed" : "added", summary);
    }

    /// <summary>The given tags that occur in a complete dataset (an interrupted ingest is not a known leak).</summary>
    public HashSet<Tag> KnownTags(IEnumerable<Tag> tags)
    {
        var sorted = tags.Select(t => new TaggedIdentifier(t, 0)).ToArray();
        var n = TaggedIdentifier.SortDistinct(sorted);
        var complete = Leaks.Datasets().Where(d => d.Complete).Select(d => d.Id).ToHashSet();
        var hits = new List<TagHit>();
        Leaks.Lookup(sorted.AsSpan(0, n), hits);
        return [.. hits.Where(h => complete.Contains(h.Dataset)).Select(h => sorted[h.Index].Tag)];
    }

    /// <summary>
    /// Every complete dataset each of <paramref name="tags"/> occurs in, with the day its identifier was first seen
    /// there: what `fraud who` tells a person.
    /// </summary>
    public IReadOnlyList<Sighting> Sightings(IEnumerable<Tag> tags)
    {
        var sorted = tags.Select(t => new TaggedIdentifier(t, 0)).ToArray();
        var n = TaggedIdentifier.SortDistinct(sorted);
        var complete = Leaks.Datasets().Where(d => d.Complete).ToDictionary(d => d.Id);
        var hits = new List<TagHit>();
        Leaks.Lookup(sorted.AsSpan(0, n), hits);
        return [.. hits.Where(h => complete.ContainsKey(h.Dataset)).Select(h => new Sighting(sorted[h.Index].Tag, complete[h.Dataset], DatasetRows.FromDayNumber(h.FirstSeenDay)))];
    }

    /// <summary>
    /// Scans <paramref name="scan"/>'s paths and compares what they hold with every complete dataset. The scan's own
    /// <see cref="ScanOptions.Observer"/>, when set, receives every finding of the same pass.
    /// </summary>
    public Comparison Compare(ScanOptions scan, DateOnly seen, FreshnessRules? rules = null, ScanMonitor? monitor = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var collected = new List<TaggedIdentifier[]>();
        var summary = RunScan(scan, monitor, chunk => collected.Add(chunk.ToArray()), cancellation);
        return CompareTags(scan, collected, summary, seen, rules ?? new FreshnessRules());
    }

    private Comparison CompareTags(ScanOptions scan, List<TaggedIdentifier[]> chunks, ScanSummary summary, DateOnly seen, FreshnessRules rules)
    {
        // Chunks are distinct within themselves; merge them into one sorted distinct array.
        var all = new TaggedIdentifier[chunks.Sum(c => c.Length)];
        var offset = 0;
        foreach (var c in chunks)
        {
            c.CopyTo(all, offset);
            offset += c.Length;
        }

        chunks.Clear();
        var n = TaggedIdentifier.SortDistinct(all);
        var tags = all.AsSpan(0, n);

        var datasets = Leaks.Datasets().Where(d => d.Complete).ToDictionary(d => d.Id);
        var known = new bool[n];
        var perDataset = new Dictionary<long, long>();
        int? earliest = null;
        var hits = new List<TagHit>();
        for (var start = 0; start < n; start += ChunkSize)
        {
            var slice = tags.Slice(start, Math.Min(ChunkSize, n - start));
            hits.Clear();
            Leaks.Lookup(slice, hits);
            foreach (var hit in hits)
            {
                // Rows of incomplete datasets (an ingest running or interrupted) are not known leaks yet.
                if (!datasets.ContainsKey(hit.Dataset))
                {
                    continue;
                }

                known[start + hit.Index] = true;
                perDataset[hit.Dataset] = perDataset.GetValueOrDefault(hit.Dataset) + 1;
                earliest = earliest is null ? hit.FirstSeenDay : Math.Min(earliest.Value, hit.FirstSeenDay);
            }
        }

        var byKind = new SortedDictionary<byte, (long Total, long Known)>();
        long knownCount = 0;
        for (var i = 0; i < n; i++)
        {
            var (total, k) = byKind.GetValueOrDefault(tags[i].Kind);
            byKind[tags[i].Kind] = (total + 1, k + (known[i] ? 1 : 0));
            knownCount += known[i] ? 1 : 0;
        }

        var kinds = byKind.Select(p => new KindOverlap(((IdentifierKind)p.Key).Code(), p.Value.Total, p.Value.Known)).ToList();
        var overlaps = perDataset
            .Select(p => (Dataset: datasets[p.Key], Count: p.Value))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Dataset.Seen)
            .Select(p => new DatasetOverlap(p.Dataset.Name, p.Dataset.Category, p.Dataset.Seen, p.Count, n == 0 ? 0 : (double)p.Count / n))
            .ToList();
        // Standard input has no content hash to match a stored dataset with.
        var hash = scan.Paths.Contains("-") ? null : ContentHash(scan.Paths);
        var same = hash is null ? null : datasets.Values.FirstOrDefault(d => d.ContentHash == hash)?.Name;
        return new Comparison(
            string.Join(" ", scan.Paths),
            n,
            knownCount,
            n - knownCount,
            kinds,
            overlaps,
            earliest is null ? null : DatasetRows.FromDayNumber(earliest.Value),
            same,
            rules.Grade(seen, summary.NewestRecord, n, knownCount),
            Sample(summary, knownCount, n),
            summary);
    }

    private static SampleCheck Sample(ScanSummary summary, long known, long distinct)
    {
        long occurrences = 0, distinctScanned = 0;
        foreach (var (code, count) in summary.Occurrences)
        {
            if (IdentifierKinds.TryParse(code, out var kind) && TagPipeline.Stores(kind))
            {
                occurrences += count;
                distinctScanned += summary.Kinds.GetValueOrDefault(code);
            }
        }

        var invalid = summary.Tables.Sum(t => t.Columns.Sum(c => c.Invalid));
        var values = occurrences + invalid;
        var duplicates = Math.Max(0, occurrences - distinctScanned);
        var verdicts = new List<string>();
        if (values > 0 && invalid >= 0.10 * values)
        {
            verdicts.Add($"{(double)invalid / values:P0} of identifier values fail validation: fabricated padding is likely");
        }

        // Repeat customers make some repeats normal (a courier export repeats its senders); a sample padded by
        // copying rows repeats most of itself.
        if (occurrences > 0 && duplicates >= 0.50 * occurrences)
        {
            verdicts.Add($"{(double)duplicates / occurrences:P0} of identifier occurrences repeat an earlier one: padded with copies");
        }

        if (distinct > 0 && known >= 0.50 * distinct)
        {
            verdicts.Add($"{(double)known / distinct:P0} already in known leaks: recycled data");
        }

        return new SampleCheck(values, invalid, duplicates, known, verdicts.Count == 0 ? "no sign of padding or recycling" : string.Join("; ", verdicts));
    }

    /// <summary>The scan, with every stored kind's finding tagged and handed to <paramref name="chunk"/> in sorted, distinct chunks.</summary>
    private ScanSummary RunScan(ScanOptions scan, ScanMonitor? monitor, Action<Span<TaggedIdentifier>> chunk, CancellationToken cancellation)
    {
        using var pipeline = new TagPipeline(_key, ChunkSize, chunk);
        ScanSummary summary;
        try
        {
            // The caller's own observer, when it gives one, reads the same pass (`incident add` counts persons and matches
            // customers from it instead of reading the files again).
            summary = Scanner.Scan(scan with { Observer = scan.Observer is { } also ? FindingObservers.Both(pipeline, also) : pipeline }, monitor ?? new ScanMonitor(), cancellation);
        }
        catch
        {
            try
            {
                pipeline.Finish();
            }
            catch (Exception)
            {
                // A store failure stopped the scan from inside (Observe rethrows it): the scan's exception says it.
            }

            throw;
        }

        pipeline.Finish();
        return summary;
    }

    /// <summary>
    /// SHA-256 identifying the content: of the file itself, or for several files, of their sorted digests (so the
    /// same files under other names or in another order are the same dataset).
    /// </summary>
    internal static string ContentHash(IReadOnlyList<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (p == "-")
            {
                throw new StoreException("the store needs files, not standard input: their content hash makes ingest idempotent");
            }

            if (Directory.Exists(p))
            {
                files.AddRange(Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories));
            }
            else if (File.Exists(p))
            {
                files.Add(p);
            }
            else
            {
                throw new StoreException($"{p}: no such file or folder");
            }
        }

        var digests = new List<byte[]>();
        foreach (var file in files)
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16, FileOptions.SequentialScan);
                digests.Add(SHA256.HashData(stream));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StoreException($"{file}: cannot be read ({e.Message})");
            }
        }

        if (digests.Count == 1)
        {
            return Convert.ToHexStringLower(digests[0]);
        }

        digests.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        return Convert.ToHexStringLower(SHA256.HashData(digests.SelectMany(d => d).ToArray()));
    }

    /// <summary>Closes the database connection.</summary>
    public void Dispose() => _backend.Dispose();
}
