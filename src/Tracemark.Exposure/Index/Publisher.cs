using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tracemark.Exposure.Crypto;
using Tracemark.Identifiers;
using Tracemark.Scanning;
using Tracemark.Scanning.Input;
using Tracemark.Store;

namespace Tracemark.Exposure.Index;

/// <summary>What to publish.</summary>
public sealed record PublishOptions
{
    /// <summary>The index folder (bucket files and config.json); served as static files.</summary>
    public required string Out { get; init; }

    /// <summary>The leak files, one dataset each (a folder counts as one dataset); each must be in the store.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Datasets whose names may appear in entries; others show only category, month and fields.</summary>
    public IReadOnlySet<string> PublicDatasets { get; init; } = new HashSet<string>();

    /// <summary>Key epoch; a new epoch is a new key (rotation), and clients fetch it from config.json.</summary>
    public int Epoch { get; init; } = 1;

    /// <summary>Bits of y naming a bucket (8–16): 16 gives 65,536 buckets.</summary>
    public int PrefixBits { get; init; } = 16;

    /// <summary>The exposure key file (kept out of <see cref="Out"/>).</summary>
    public string? KeyFile { get; init; }

    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Also publish the (normalised account, password) pairs of credential dumps, in DIR/credentials/, each
    /// bucket named by a prefix of a plain hash of the <i>account</i> (docs/exposure.md "Credentials").</summary>
    public bool Credentials { get; init; }
}

/// <summary>Live counters for a progress display.</summary>
public sealed class PublishMonitor
{
    private long _done;

    public string Phase { get; internal set; } = "starting";

    /// <summary>Raised on the publishing thread as each phase starts, before any of its work: a caller that
    /// cancels here stops the publish at that phase's start, whatever the machine's speed.</summary>
    public event Action<string>? PhaseStarted;

    public long Total { get; internal set; }

    public long Done => Interlocked.Read(ref _done);

    internal void Add(long n) => Interlocked.Add(ref _done, n);

    internal void Start(string phase, long total)
    {
        Interlocked.Exchange(ref _done, 0);
        Total = total;
        Phase = phase;
        PhaseStarted?.Invoke(phase);
    }
}

/// <summary>What a publish did.</summary>
/// <param name="Out">The index folder.</param>
/// <param name="Epoch">The key epoch published.</param>
/// <param name="Entries">Distinct identifiers in the index.</param>
/// <param name="Evaluations">PRF evaluations this run (one per identifier occurrence; resumed work is not redone).</param>
/// <param name="EvaluationsPerSecond">Evaluations per second of evaluating time, all cores.</param>
/// <param name="ScalarMultsPerSecond">libsodium's ristretto255 scalar multiplications per second on one core: each
/// evaluation needs one, so cores × this is the ceiling.</param>
/// <param name="Buckets">Bucket files.</param>
/// <param name="EntriesPerBucket">Entries in every bucket (real and padding).</param>
/// <param name="Bytes">Size of the bucket files together.</param>
/// <param name="Resumed">True when an interrupted publish was continued.</param>
/// <param name="Elapsed">Wall time.</param>
/// <param name="Errors">Inputs that could not be read (file and place); what was readable is published.</param>
/// <param name="Credentials">Distinct (account, password) pairs in DIR/credentials (0 without --credentials).</param>
/// <param name="CredentialsPerBucket">Entries in every credential bucket (real and padding).</param>
public sealed record PublishResult(
    string Out,
    int Epoch,
    long Entries,
    long Evaluations,
    double EvaluationsPerSecond,
    double ScalarMultsPerSecond,
    int Buckets,
    int EntriesPerBucket,
    long Bytes,
    bool Resumed,
    TimeSpan Elapsed,
    IReadOnlyList<ScanError> Errors,
    long Credentials = 0,
    int CredentialsPerBucket = 0);

/// <summary>
/// Builds the exposure index from leak files the store knows: (1) scan each file, evaluate F(k, "kind:canonical")
/// for its mobiles, ID numbers and e-mails on every core, spool y with the dataset and the fields of its record into
/// 256 partitions by y's first byte; (2) per partition, sort by y, merge the leaks of equal y and seal one entry each;
/// (3) pad every bucket with random entries to the fullest bucket's count and write it sorted by tag. Each step is
/// committed per dataset / partition (rename), so an interrupted publish resumes where it stopped. Memory: one
/// partition at a time (1/256 of the spool).
/// </summary>
public static class Publisher
{
    // y, bucket (2 bytes), dataset (2 bytes), field mask (4 bytes: one bit per unmasked kind, numbered below 32).
    // The bucket is kept because a credential's is not y's prefix but its account's (IndexFormat.AccountBucket).
    private const int SpoolRecordBytes = OprfSuite.OutputBytes + 8;
    private const int BucketAt = OprfSuite.OutputBytes;
    private const int DatasetAt = OprfSuite.OutputBytes + 2;
    private const int FieldsAt = OprfSuite.OutputBytes + 4;
    private const int Partitions = 256;

    /// <summary>Publishes; throws <see cref="ExposureException"/> (or <see cref="StoreException"/>) on what stops it.</summary>
    public static PublishResult Publish(KnownLeakStore store, PublishOptions options, PublishMonitor? monitor = null, ScanMonitor? scanning = null, CancellationToken cancellation = default)
    {
        monitor ??= new PublishMonitor();
        if (options.PrefixBits is < 8 or > 16)
        {
            throw new ExposureException($"--prefix-bits must be 8 to 16 (got {options.PrefixBits})");
        }

        if (options.Paths.Count == 0)
        {
            throw new ExposureException("name the leak files to publish (each must have been ingested into the store)");
        }

        var clock = Stopwatch.StartNew();
        var key = ExposureKey.Open(options.KeyFile ?? ExposureKey.DefaultPath(), create: true).ForEpoch(options.Epoch);
        var datasets = Match(store, options.Paths);
        var outDir = Path.GetFullPath(options.Out);
        var work = outDir.TrimEnd(Path.DirectorySeparatorChar) + ".publish-work";
        var state = JsonSerializer.Serialize(new { options.Epoch, options.PrefixBits, PublicKey = Convert.ToBase64String(key.Public), Datasets = datasets.Select(d => d.Dataset.ContentHash), Public = options.PublicDatasets.Order(), options.Credentials });
        var resumed = Directory.Exists(work) && File.Exists(Path.Combine(work, "state.json")) && File.ReadAllText(Path.Combine(work, "state.json")) == state;
        if (!resumed)
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            Directory.CreateDirectory(work);
            File.WriteAllText(Path.Combine(work, "state.json"), state);
        }

        Directory.CreateDirectory(Path.Combine(outDir, "buckets"));
        if (options.Credentials)
        {
            Directory.CreateDirectory(Path.Combine(outDir, "credentials"));
        }
        else if (Directory.Exists(Path.Combine(outDir, "credentials")))
        {
            Directory.Delete(Path.Combine(outDir, "credentials"), recursive: true); // stale from an earlier publish
        }

        File.Delete(Path.Combine(outDir, "config.json")); // an index without config.json is incomplete: not served

        var errors = new List<ScanError>();
        long evaluations = 0;
        var evaluating = TimeSpan.Zero;
        for (var i = 0; i < datasets.Count; i++)
        {
            var spool = Path.Combine(work, $"d{i}");
            if (File.Exists(spool + ".done"))
            {
                continue;
            }

            cancellation.ThrowIfCancellationRequested();
            var started = clock.Elapsed;
            var (count, scanErrors) = Spool(datasets[i].Path, (ushort)i, Path.Combine(work, $"c{i}"), options, spool, key.Secret, monitor, scanning, cancellation);
            evaluating += clock.Elapsed - started;
            evaluations += count;
            errors.AddRange(scanErrors);
            File.WriteAllText(spool + ".done", count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var leaks = datasets.Select(d => new ExposedLeak(d.Dataset.Category, d.Dataset.Seen.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), [], options.PublicDatasets.Contains(d.Dataset.Name) ? d.Dataset.Name : null)).ToArray();
        var (entries, fullest) = Merge(work, "d", "e", datasets.Count, leaks, options.Workers, monitor, cancellation);
        var perBucket = Math.Max(1, fullest);
        var bytes = WriteBuckets(work, "e", Path.Combine(outDir, "buckets"), options.PrefixBits, perBucket, options.Workers, monitor, cancellation);
        long credentials = 0;
        var credentialsPerBucket = 0;
        if (options.Credentials)
        {
            (credentials, fullest) = Merge(work, "c", "f", datasets.Count, leaks, options.Workers, monitor, cancellation);
            credentialsPerBucket = Math.Max(1, fullest);
            bytes += WriteBuckets(work, "f", Path.Combine(outDir, "credentials"), options.PrefixBits, credentialsPerBucket, options.Workers, monitor, cancellation);
        }

        var config = new IndexConfig(OprfSuite.Identifier, "VOPRF", Convert.ToBase64String(key.Public), options.PrefixBits, options.Epoch, entries, perBucket, IndexFormat.EntryBytes, [.. IndexFormat.Kinds.Select(k => k.Code())], DateTime.UtcNow, datasets.Count, datasets.Count == 0 ? null : datasets.Max(d => d.Dataset.Seen).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), credentials, credentialsPerBucket);
        var configPath = Path.Combine(outDir, "config.json");
        File.WriteAllText(configPath + ".tmp", JsonSerializer.Serialize(config, ExposureJson.Default.IndexConfig));
        File.Move(configPath + ".tmp", configPath, overwrite: true);
        Directory.Delete(work, recursive: true);

        var rate = evaluating > TimeSpan.Zero ? evaluations / evaluating.TotalSeconds : 0;
        return new PublishResult(outDir, options.Epoch, entries, evaluations, rate, MeasureScalarMult(), 1 << options.PrefixBits, perBucket, bytes, resumed, clock.Elapsed, errors, credentials, credentialsPerBucket);
    }

    /// <summary>libsodium's single-core ristretto255 scalar multiplications per second (a quarter-second sample).</summary>
    public static double MeasureScalarMult()
    {
        Span<byte> scalar = stackalloc byte[32];
        Span<byte> point = stackalloc byte[32];
        OprfSuite.RandomScalar(scalar);
        OprfSuite.ScalarMultGen(scalar, point);
        var clock = Stopwatch.StartNew();
        var n = 0;
        while (clock.ElapsedMilliseconds < 250)
        {
            for (var i = 0; i < 64; i++)
            {
                OprfSuite.ScalarMult(scalar, point, point);
            }

            n += 64;
        }

        return n / clock.Elapsed.TotalSeconds;
    }

    private static List<(string Path, Dataset Dataset)> Match(KnownLeakStore store, IReadOnlyList<string> paths)
    {
        var matched = new List<(string, Dataset)>();
        foreach (var path in paths)
        {
            if (store.CompleteDatasetOf([path]) is not { } dataset)
            {
                throw new ExposureException($"{path}: not a complete dataset in the store {store.Description}; ingest it first (tracemark ingest {path} --name … --category … --seen …)");
            }

            matched.Add((path, dataset));
        }

        if (matched.Count > ushort.MaxValue)
        {
            throw new ExposureException("at most 65,535 datasets per index");
        }

        return matched;
    }

    /// <summary>Phase 1 for one dataset: scan, evaluate on every core, spool (y, bucket, dataset, fields) by the
    /// bucket's first byte — identifiers to <paramref name="spool"/>, credential pairs to <paramref name="credentialSpool"/>.</summary>
    private static (long Count, IReadOnlyList<ScanError> Errors) Spool(string path, ushort dataset, string credentialSpool, PublishOptions options, string spool, byte[] secret, PublishMonitor monitor, ScanMonitor? scanning, CancellationToken cancellation)
    {
        var workers = options.Workers;
        var prefixBits = options.PrefixBits;
        monitor.Start($"evaluating {Path.GetFileName(path)}", 0);
        var outputs = new BufferedStream[options.Credentials ? 2 * Partitions : Partitions];
        for (var p = 0; p < outputs.Length; p++)
        {
            outputs[p] = new BufferedStream(new FileStream($"{(p < Partitions ? spool : credentialSpool)}.p{p % Partitions:x2}", FileMode.Create, FileAccess.Write, FileShare.None, 1), 16 * 1024);
        }

        var queue = new BlockingCollection<InputBatch>(boundedCapacity: workers * 2);
        var written = new Lock();
        long count = 0;
        Exception? fault = null;
        var threads = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => new Thread(() =>
        {
            try
            {
                var y = new byte[SpoolRecordBytes];
                foreach (var batch in queue.GetConsumingEnumerable())
                {
                    var results = new byte[batch.Count * SpoolRecordBytes];
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var record = results.AsSpan(i * SpoolRecordBytes, SpoolRecordBytes);
                        OprfSuite.Voprf.Evaluate(secret, batch.Input(i), [], record[..OprfSuite.OutputBytes]);
                        var bucket = batch.Buckets[i] >= 0 ? batch.Buckets[i] : IndexFormat.Bucket(record, prefixBits);
                        BinaryPrimitives.WriteUInt16LittleEndian(record[BucketAt..], (ushort)bucket);
                        BinaryPrimitives.WriteUInt16LittleEndian(record[DatasetAt..], dataset);
                        BinaryPrimitives.WriteUInt32LittleEndian(record[FieldsAt..], batch.Fields[i]);
                    }

                    lock (written)
                    {
                        for (var i = 0; i < batch.Count; i++)
                        {
                            // The partition is the bucket's first byte (prefix bits ≥ 8); credentials have their own.
                            var partition = BinaryPrimitives.ReadUInt16LittleEndian(results.AsSpan((i * SpoolRecordBytes) + BucketAt)) >> 8;
                            outputs[(batch.Buckets[i] >= 0 ? Partitions : 0) + partition].Write(results, i * SpoolRecordBytes, SpoolRecordBytes);
                        }

                        count += batch.Count;
                    }

                    monitor.Add(batch.Count);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref fault, e, null);
                queue.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "tracemark evaluate" }).ToArray();
        foreach (var t in threads)
        {
            t.Start();
        }

        var collector = new RecordCollector(queue, options.Credentials ? prefixBits : 0);
        ScanSummary summary;
        try
        {
            summary = Scanner.Scan(new ScanOptions { Paths = [path], Observer = collector }, scanning, cancellation);
            collector.Finish();
        }
        finally
        {
            queue.CompleteAdding();
            foreach (var t in threads)
            {
                t.Join();
            }

            foreach (var o in outputs)
            {
                o.Dispose();
            }
        }

        if (fault is not null)
        {
            throw new ExposureException($"{path}: evaluating failed: {fault.Message}");
        }

        return (count, summary.Errors);
    }

    /// <summary>Phase 2: per partition, group equal y, merge their leaks and seal one entry each, written as
    /// (bucket, entry) pairs in y order (so each bucket's entries are contiguous). Returns the entries and the
    /// fullest bucket's count; each partition's fullest count is kept beside it (e{p}.max) for a resumed run.</summary>
    private static (long Entries, int Fullest) Merge(string work, string from, string to, int datasets, ExposedLeak[] leaks, int workers, PublishMonitor monitor, CancellationToken cancellation)
    {
        monitor.Start(from == "c" ? "sealing credential entries" : "sealing entries", Partitions);
        long entries = 0;
        var fullest = 0;
        Parallel.For(0, Partitions, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellation }, p =>
        {
            var done = Path.Combine(work, $"{to}{p:x2}");
            if (File.Exists(done))
            {
                Interlocked.Add(ref entries, new FileInfo(done).Length / (2 + IndexFormat.EntryBytes));
                InterlockedMax(ref fullest, int.Parse(File.ReadAllText(done + ".max"), System.Globalization.CultureInfo.InvariantCulture));
                monitor.Add(1);
                return;
            }

            var spool = new MemoryStream();
            for (var d = 0; d < datasets; d++)
            {
                using var part = File.OpenRead(Path.Combine(work, $"{from}{d}.p{p:x2}"));
                part.CopyTo(spool);
            }

            var data = spool.GetBuffer();
            var n = (int)(spool.Length / SpoolRecordBytes);
            var order = new int[n];
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }

            // Bucket, then y: equal y (one identifier or pair) are adjacent, and each bucket's entries contiguous.
            Array.Sort(order, (a, b) =>
            {
                var c = BucketOf(data, a).CompareTo(BucketOf(data, b));
                return c != 0 ? c : Y(data, a).SequenceCompareTo(Y(data, b));
            });
            using var output = new FileStream(done + ".tmp", FileMode.Create);
            var fieldsByDataset = new Dictionary<int, uint>();
            var json = new byte[IndexFormat.PlaintextBytes];
            var entry = new byte[2 + IndexFormat.EntryBytes];
            var made = 0L;
            int run = 0, longest = 0, previous = -1;
            for (var start = 0; start < n;)
            {
                var end = start + 1;
                while (end < n && Y(data, order[end]).SequenceEqual(Y(data, order[start])))
                {
                    end++;
                }

                fieldsByDataset.Clear();
                for (var i = start; i < end; i++)
                {
                    var record = data.AsSpan(order[i] * SpoolRecordBytes, SpoolRecordBytes);
                    var d = BinaryPrimitives.ReadUInt16LittleEndian(record[DatasetAt..]);
                    var f = BinaryPrimitives.ReadUInt32LittleEndian(record[FieldsAt..]);
                    fieldsByDataset[d] = fieldsByDataset.GetValueOrDefault(d) | f;
                }

                var y = Y(data, order[start]);
                var length = EntryJson(fieldsByDataset, leaks, json);
                var bucketOf = BucketOf(data, order[start]);
                run = bucketOf == previous ? run + 1 : 1;
                longest = Math.Max(longest, run);
                previous = bucketOf;
                BinaryPrimitives.WriteUInt16LittleEndian(entry, (ushort)bucketOf);
                IndexFormat.Seal(y, json.AsSpan(0, length), entry.AsSpan(2));
                output.Write(entry);
                made++;
                start = end;
            }

            output.Flush(flushToDisk: true);
            output.Dispose();
            File.WriteAllText(done + ".max", longest.ToString(System.Globalization.CultureInfo.InvariantCulture));
            File.Move(done + ".tmp", done);
            for (var d = 0; d < datasets; d++)
            {
                File.Delete(Path.Combine(work, $"{from}{d}.p{p:x2}"));
            }

            Interlocked.Add(ref entries, made);
            InterlockedMax(ref fullest, longest);
            monitor.Add(1);
        });
        return (entries, fullest);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }

    private static ReadOnlySpan<byte> Y(byte[] data, int record) => data.AsSpan(record * SpoolRecordBytes, OprfSuite.OutputBytes);

    private static ushort BucketOf(byte[] data, int record) => BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan((record * SpoolRecordBytes) + BucketAt));

    /// <summary>The sealed JSON: leaks newest first, as many as fit; the rest counted in "more".</summary>
    internal static int EntryJson(Dictionary<int, uint> fieldsByDataset, ExposedLeak[] leaks, Span<byte> output)
    {
        var all = fieldsByDataset.OrderByDescending(kv => leaks[kv.Key].Since, StringComparer.Ordinal).ThenBy(kv => kv.Key)
            .Select(kv => leaks[kv.Key] with { Fields = FieldNames(kv.Value) }).ToList();
        for (var keep = all.Count; keep >= 0; keep--)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(new ExposureRecord(all.Take(keep).ToList(), all.Count - keep), ExposureJson.Default.ExposureRecord);
            if (bytes.Length <= output.Length)
            {
                bytes.CopyTo(output);
                return bytes.Length;
            }
        }

        throw new InvalidOperationException("an empty entry does not fit");
    }

    /// <summary>Field names of a record mask, in a fixed order (unmasked kinds by their codes).</summary>
    internal static string[] FieldNames(uint mask) =>
        [.. IdentifierKinds.All.Where(k => !k.IsMasked() && (mask & FieldBit(k)) != 0).Select(k => k.Code())];

    /// <summary>A kind's bit in a record's field mask. Unmasked kinds are numbered 1–31 (masked forms from 32), so a
    /// 32-bit mask holds every one; a 16-bit mask silently dropped kinds numbered 16 and above.</summary>
    internal static uint FieldBit(IdentifierKind kind) => kind.IsMasked() ? 0u : 1u << (int)kind;

    /// <summary>Phase 3: every bucket padded with random entries to the fullest bucket's count, sorted by tag.</summary>
    private static long WriteBuckets(string work, string from, string folder, int prefixBits, int perBucket, int workers, PublishMonitor monitor, CancellationToken cancellation)
    {
        const int Stride = 2 + IndexFormat.EntryBytes;
        monitor.Start("writing buckets", Partitions);
        var step = 1 << (16 - prefixBits);
        Parallel.For(0, Partitions, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = cancellation }, p =>
        {
            // Buckets of partition p all start with the byte p (prefix bits ≥ 8); its entries are in bucket order.
            var real = File.ReadAllBytes(Path.Combine(work, $"{from}{p:x2}"));
            var at = 0;
            var bucket = new byte[perBucket * IndexFormat.EntryBytes];
            for (var b = p << 8; b < (p + 1) << 8; b += step)
            {
                var mine = 0;
                for (; at < real.Length && BinaryPrimitives.ReadUInt16LittleEndian(real.AsSpan(at)) == b; at += Stride, mine++)
                {
                    real.AsSpan(at + 2, IndexFormat.EntryBytes).CopyTo(bucket.AsSpan(mine * IndexFormat.EntryBytes));
                }

                RandomNumberGenerator.Fill(bucket.AsSpan(mine * IndexFormat.EntryBytes));
                SortEntries(bucket);
                var path = Path.Combine(folder, IndexFormat.BucketName(b));
                File.WriteAllBytes(path + ".tmp", bucket);
                File.Move(path + ".tmp", path, overwrite: true);
            }

            monitor.Add(1);
        });
        return (long)perBucket * IndexFormat.EntryBytes * (1 << prefixBits);
    }

    private static void SortEntries(byte[] bucket)
    {
        var n = bucket.Length / IndexFormat.EntryBytes;
        var entries = new byte[n][];
        for (var i = 0; i < n; i++)
        {
            entries[i] = bucket.AsSpan(i * IndexFormat.EntryBytes, IndexFormat.EntryBytes).ToArray();
        }

        Array.Sort(entries, (a, b) => a.AsSpan(0, IndexFormat.TagBytes).SequenceCompareTo(b.AsSpan(0, IndexFormat.TagBytes)));
        for (var i = 0; i < n; i++)
        {
            entries[i].CopyTo(bucket, i * IndexFormat.EntryBytes);
        }
    }

    /// <summary>A batch of PRF inputs (UTF-8 "kind:canonical" back to back) with their records' field masks.</summary>
    private sealed class InputBatch
    {
        private readonly List<int> _ends = [];
        private byte[] _bytes = new byte[64 * 1024];
        private int _used;

        public List<uint> Fields { get; } = [];

        /// <summary>A credential's bucket (of its account); -1 for an identifier, whose bucket is y's prefix.</summary>
        public List<int> Buckets { get; } = [];

        public int Count => _ends.Count;

        public ReadOnlySpan<byte> Input(int i) => _bytes.AsSpan(i == 0 ? 0 : _ends[i - 1], _ends[i] - (i == 0 ? 0 : _ends[i - 1]));

        public void Add(IdentifierKind kind, ReadOnlySpan<char> canonical, int bucket = -1)
        {
            var need = 32 + Encoding.UTF8.GetMaxByteCount(canonical.Length);
            if (_used + need > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + need));
            }

            _used += IndexFormat.Input(kind, canonical, _bytes.AsSpan(_used));
            _ends.Add(_used);
            Fields.Add(0);
            Buckets.Add(bucket);
        }
    }

    /// <summary>Groups findings into records (the scan reports them in input order) to know which fields leaked
    /// together, and hands the published kinds on in batches.</summary>
    /// <param name="queue">Receives full batches.</param>
    /// <param name="credentialBits">Prefix bits of the credential buckets; 0 when credentials are not published.</param>
    private sealed class RecordCollector(BlockingCollection<InputBatch> queue, int credentialBits) : IFindingObserver
    {
        private const int BatchItems = 4096;

        private InputBatch _batch = new();
        private string? _source;
        private long _record = -1;
        private int _recordStart;
        private uint _fields;

        public void Observe(IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record)
        {
            if (record != _record || !ReferenceEquals(source, _source) && source != _source)
            {
                EndRecord();
                _source = source;
                _record = record;
            }

            _fields |= FieldBit(kind);
            if (IndexFormat.Publishes(kind))
            {
                _batch.Add(kind, canonical);
            }
            else if (kind == IdentifierKind.Credential && credentialBits > 0)
            {
                // The pair is "account\npassword"; the bucket comes from the account alone.
                var account = canonical[..Math.Max(0, canonical.IndexOf('\n'))];
                _batch.Add(kind, canonical, IndexFormat.AccountBucket(account, credentialBits));
            }
        }

        public void Finish()
        {
            EndRecord();
            if (_batch.Count > 0)
            {
                queue.Add(_batch);
            }
        }

        private void EndRecord()
        {
            for (var i = _recordStart; i < _batch.Count; i++)
            {
                _batch.Fields[i] = _fields;
            }

            _fields = 0;
            _recordStart = _batch.Count;
            if (_batch.Count >= BatchItems)
            {
                queue.Add(_batch);
                _batch = new InputBatch();
                _recordStart = 0;
            }
        }
    }
}
