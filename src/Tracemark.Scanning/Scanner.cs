using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Threading.Channels;
using Tracemark.Scanning.Analysis;
using Tracemark.Scanning.Detection;
using Tracemark.Scanning.Input;
using Tracemark.Scanning.Reading;

namespace Tracemark.Scanning;

/// <summary>What to scan and how.</summary>
public sealed record ScanOptions
{
    /// <summary>Files, folders (walked recursively) and "-" for standard input.</summary>
    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Where to write findings as JSON Lines (canonical values in clear: the user asked for them).</summary>
    public Stream? Findings { get; init; }

    /// <summary>Force a text encoding ("utf-8", "utf-16le", "utf-16be", "gbk"/"gb18030") instead of detecting it.</summary>
    public string? Encoding { get; init; }

    /// <summary>Halve the legal thresholds: the data was obtained by insiders in their duties.</summary>
    public bool Insider { get; init; }

    /// <summary>Findings below this confidence are neither reported nor counted.</summary>
    public float MinConfidence { get; init; } = 0.5f;

    /// <summary>Limits against zip bombs.</summary>
    public ArchiveLimits Limits { get; init; } = ArchiveLimits.Default;

    /// <summary>Detection threads (default: one per core).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Standard input, for "-".</summary>
    public Func<Stream> Stdin { get; init; } = Console.OpenStandardInput;

    /// <summary>The date ages are computed on (default: today).</summary>
    public DateOnly? Today { get; init; }

    /// <summary>
    /// Receives every valid, unmasked finding in input order, on one thread, as the scan goes (the store's
    /// ingest and compare read identifiers this way rather than parsing the files again).
    /// </summary>
    public IFindingObserver? Observer { get; init; }

    /// <summary>Transcode every JSON value, even those of columns the plan skips (tests hold the two to the same result).</summary>
    internal bool DecodeEveryValue { get; init; }
}

/// <summary>Receives findings from a running scan; see <see cref="ScanOptions.Observer"/>.</summary>
public interface IFindingObserver
{
    /// <summary>One finding: its kind, canonical value (valid only during the call), and where it was: the table
    /// (a file, sheet or archive member, as in <see cref="TableSummary.Source"/>) and its record number there.</summary>
    void Observe(Tracemark.Identifiers.IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record);
}

/// <summary>
/// An observer that also learns which person each finding belongs to (the scanner's person slots: the persons of a
/// record, before linking) and each person's most sensitive legal category, as the scan's legal view counts them.
/// `incident add` counts persons per buyer from this (2017 SPC/SPP interpretation Art. 11) in the same pass that
/// tags identifiers for the known-leak comparison.
/// </summary>
public interface IPersonObserver : IFindingObserver
{
    /// <summary>One finding, as <see cref="IFindingObserver.Observe(Tracemark.Identifiers.IdentifierKind, ReadOnlySpan{char}, string, long)"/>,
    /// with the scan-wide number of its person (-1 for kinds that identify no person: waybills, credit codes).
    /// Called instead of the four-argument form.</summary>
    void Observe(Tracemark.Identifiers.IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record, long person);

    /// <summary>Each person once, after all its findings: the code of its most sensitive legal category (as in
    /// <see cref="TierCount.Category"/>, "other" when none applies).</summary>
    void Person(long person, string category);
}

/// <summary>Observers combined, so one scan pass feeds several consumers.</summary>
public static class FindingObservers
{
    /// <summary>Every finding goes to <paramref name="first"/>, then to <paramref name="second"/>; persons go to those that take them.</summary>
    public static IFindingObserver Both(IFindingObserver first, IFindingObserver second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return new Pair(first, second);
    }

    private sealed class Pair(IFindingObserver first, IFindingObserver second) : IPersonObserver
    {
        public void Observe(Tracemark.Identifiers.IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record)
        {
            first.Observe(kind, canonical, source, record);
            second.Observe(kind, canonical, source, record);
        }

        public void Observe(Tracemark.Identifiers.IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record, long person)
        {
            Forward(first, kind, canonical, source, record, person);
            Forward(second, kind, canonical, source, record, person);
        }

        public void Person(long person, string category)
        {
            (first as IPersonObserver)?.Person(person, category);
            (second as IPersonObserver)?.Person(person, category);
        }

        private static void Forward(IFindingObserver to, Tracemark.Identifiers.IdentifierKind kind, ReadOnlySpan<char> canonical, string source, long record, long person)
        {
            if (to is IPersonObserver persons)
            {
                persons.Observe(kind, canonical, source, record, person);
            }
            else
            {
                to.Observe(kind, canonical, source, record);
            }
        }
    }
}

/// <summary>Live counters for a progress display; read from any thread.</summary>
public sealed class ScanMonitor
{
    private long _bytes;
    private long _records;

    /// <summary>Size of the inputs on disk, when known.</summary>
    public long TotalBytes { get; internal set; }

    /// <summary>Bytes read so far (archive members count expanded bytes).</summary>
    public long BytesRead => Interlocked.Read(ref _bytes);

    /// <summary>Records detected so far.</summary>
    public long Records => Interlocked.Read(ref _records);

    /// <summary>The input being read.</summary>
    public string Current { get; internal set; } = string.Empty;

    internal void AddBytes(long n) => Interlocked.Add(ref _bytes, n);

    internal void AddRecords(long n) => Interlocked.Add(ref _records, n);
}

/// <summary>
/// Reads every input, detects identifiers and links persons. A reader thread parses inputs into batches (plans are
/// made on the reader thread from each table's first batch); detection runs on every core; results are aggregated
/// in input order on one thread, so findings come out in the same order whatever the scheduling.
/// </summary>
public static class Scanner
{
    public static ScanSummary Scan(ScanOptions options, ScanMonitor? monitor = null, CancellationToken cancellation = default) =>
        Run(options, monitor, null, cancellation);

    internal static ScanSummary Run(ScanOptions options, ScanMonitor? monitor, Action<Aggregator, ScanSummary>? keep, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        monitor ??= new ScanMonitor();
        var clock = Stopwatch.StartNew();
        TextEncoding? forced = null;
        if (options.Encoding is { } name)
        {
            forced = Sniffer.TryParse(name, out var e) ? e : throw new ArgumentException($"unknown encoding '{name}'; use utf-8, utf-16le, utf-16be or gbk");
        }

        var errors = new ConcurrentQueue<ScanError>();
        var encodings = new ConcurrentDictionary<string, long>();
        var files = 0;
        var sources = SourceEnumerator.Expand(options.Paths, options.Stdin, errors.Enqueue).ToList();
        if (sources.Count == 0 && errors.IsEmpty)
        {
            errors.Enqueue(new ScanError(string.Join(", ", options.Paths), null, "nothing to scan: no files there"));
        }

        monitor.TotalBytes = sources.Sum(s => s.Length ?? 0);

        var workers = Math.Max(1, options.Workers);
        var work = Channel.CreateBounded<(long Sequence, RecordBatch Batch)>(new BoundedChannelOptions(workers * 2) { SingleWriter = true });
        // Bounded too: when aggregation (one thread) is slower than detection, an unbounded queue of results grew with
        // the input (0.5 GB of waiting results on 20 M distinct mobiles). The aggregator reads every result as it comes
        // and parks out-of-order ones, so a worker waiting here always gets room.
        var done = Channel.CreateBounded<BatchResult>(new BoundedChannelOptions(workers * 2) { SingleReader = true });
        var freeBatches = new ConcurrentBag<RecordBatch>();
        var freeResults = new ConcurrentBag<BatchResult>();

        using var aggregator = new Aggregator(options.Findings, options.Observer);

        // A stage that fails stops the others: without this, a worker's exception left the reader waiting forever on
        // a full channel. The first failure is rethrown once every stage has stopped.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Exception? fault = null;
        void Fail(Exception ex)
        {
            Interlocked.CompareExchange(ref fault, ex, null);
            stop.Cancel();
        }

        // Detection workers.
        var detectors = Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            try
            {
                var detector = new Detector(options.MinConfidence);
                await foreach (var (sequence, batch) in work.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    var result = freeResults.TryTake(out var r) ? r : new BatchResult();
                    detector.Detect(batch, result);
                    result.Sequence = sequence;
                    monitor.AddRecords(result.Records);
                    freeBatches.Add(batch);
                    await done.Writer.WriteAsync(result, stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped by cancellation or by another stage's failure.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(ex);
            }
        }, CancellationToken.None)).ToArray();

        // In-order aggregation.
        var aggregation = Task.Run(async () =>
        {
            try
            {
                var pending = new Dictionary<long, BatchResult>();
                long next = 0;
                await foreach (var result in done.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
                {
                    pending[result.Sequence] = result;
                    while (pending.Remove(next, out var ready))
                    {
                        aggregator.Add(ready);
                        freeResults.Add(ready);
                        next++;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Stopped by cancellation or by another stage's failure.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Fail(ex);
            }
        }, CancellationToken.None);

        // Reading, on this thread.
        long sequence = 0;
        var reading = new SourceReading(options, forced, errors.Enqueue, monitor, encodings);
        try
        {
            foreach (var source in sources)
            {
                stop.Token.ThrowIfCancellationRequested();
                files += reading.Read(source, batch =>
                {
                    var written = work.Writer.WriteAsync((sequence++, batch), stop.Token);
                    if (!written.IsCompletedSuccessfully)
                    {
                        written.AsTask().GetAwaiter().GetResult();
                    }
                }, () => freeBatches.TryTake(out var b) ? b : new RecordBatch());
            }
        }
        catch (OperationCanceledException) when (fault is not null)
        {
            // Another stage failed; its exception is rethrown below.
        }
        finally
        {
            work.Writer.Complete();
            Task.WaitAll(detectors, CancellationToken.None);
            done.Writer.Complete();
            aggregation.Wait(CancellationToken.None);
        }

        if (fault is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(fault);
        }

        cancellation.ThrowIfCancellationRequested();

        var today = options.Today ?? DateOnly.FromDateTime(DateTime.Now);
        var errorList = errors.Where(e => !e.IsNote).ToList();
        var summary = new ScanSummary(
            files,
            aggregator.Records,
            aggregator.Persons.Persons(),
            monitor.BytesRead,
            clock.Elapsed,
            aggregator.DistinctKinds(),
            aggregator.Occurrences(),
            LegalTiers.Assess(aggregator.Persons.CategoryCounts(), options.Insider),
            encodings,
            errorList,
            aggregator.Tables(),
            Demographics.From(aggregator.Persons.AllKeys(), today),
            aggregator.Examples(),
            [.. errors.Where(e => e.IsNote)])
        {
            NewestRecord = aggregator.NewestRecord,
            Passwords = aggregator.PasswordShapes(),
        };
        keep?.Invoke(aggregator, summary);
        return summary;
    }

    /// <summary>Opens sources, sniffs them, and hands their batches on; archives are walked member by member.</summary>
    internal sealed class SourceReading(ScanOptions options, TextEncoding? forced, Action<ScanError> error, ScanMonitor monitor, ConcurrentDictionary<string, long> encodings)
    {
        private ArchiveBudget _archiveBudget = new(options.Limits.MaxExpandedBytes);

        /// <summary>Reads one source (recursively for archives); returns how many leaf inputs it had.</summary>
        public int Read(ScanSource source, Action<RecordBatch> post, Func<RecordBatch> rent)
        {
            monitor.Current = source.Name;
            if (source.Depth == 0)
            {
                _archiveBudget = new ArchiveBudget(options.Limits.MaxExpandedBytes);
            }

            Stream stream;
            try
            {
                stream = source.Open();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error(new ScanError(source.Name, null, "cannot open: " + ex.Message));
                return 1;
            }

            try
            {
                var head = new byte[Sniffer.SampleSize];
                var n = ArchiveMembers.ReadHead(stream, head);
                var sniffed = Sniffer.Sniff(head.AsSpan(0, n), forced);
                switch (sniffed.Container)
                {
                    case Container.Empty:
                        Count(Sniffer.EmptyLabel);
                        stream.Dispose();
                        return 1;
                    case Container.Binary:
                        Count(Sniffer.BinaryLabel);
                        error(new ScanError(source.Name, null, $"not text, a spreadsheet or an archive ({sniffed.BinaryType}); skipped"));
                        stream.Dispose();
                        return 1;
                    case Container.Zip:
                        return ReadZip(source, Seekable(stream, head, n, source), post, rent);
                    case Container.Ole2:
                        Count(Sniffer.XlsLabel);
                        Drain(SpreadsheetReader.Open(Seekable(stream, head, n, source), source.Name, TableFormat.Xls, error), post, rent);
                        return 1;
                    default:
                        ReadText(source, stream, head.AsSpan(0, n), sniffed, post, rent);
                        return 1;
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or NotSupportedException)
            {
                error(new ScanError(source.Name, null, (ex is ArchiveLimitException ? string.Empty : "read failed: ") + ex.Message));
                stream.Dispose();
                return 1;
            }
        }

        private void Count(string label) => encodings.AddOrUpdate(label, 1, (_, v) => v + 1);

        // Errors a reader reports before its table's header row is known name raw rows; they wait for the plan and are
        // then renumbered as data records (header excluded), like findings.
        private readonly List<ScanError> _early = [];

        private void ReportOrHold(ScanError e, Func<Table?> table)
        {
            if (table() is { Plan: null })
            {
                _early.Add(e);
            }
            else
            {
                error(e);
            }
        }

        private void Release(Table table)
        {
            foreach (var e in _early)
            {
                error(e.Record is { } r && e.Source == table.Source && table.HeaderRow && !table.LineNumbered ? e with { Record = r - 1 } : e);
            }

            _early.Clear();
        }

        private void ReadText(ScanSource source, Stream stream, ReadOnlySpan<byte> head, Sniffed sniffed, Action<RecordBatch> post, Func<RecordBatch> rent)
        {
            var label = Sniffer.Label(sniffed.Encoding, sniffed.BomLength > 0);
            Count(label);

            // Format from a decoded sample of the head; reading then starts over at the first byte after the BOM.
            var sampleChars = new char[head.Length];
            var sampleDecoder = Sniffer.CreateDecoder(sniffed.Encoding);
            var sampleLength = sampleDecoder.GetChars(head[sniffed.BomLength..], sampleChars, flush: false);
            var (format, delimiter) = TextFormat.Detect(sampleChars.AsSpan(0, sampleLength));
            var window = new TextWindow(stream, Sniffer.CreateStreamDecoder(sniffed.Encoding), head[sniffed.BomLength..]);
            var table = new Table(source.Name, format, label);
            void Report(ScanError e) => ReportOrHold(e, () => table);
            IRecordReader reader = format switch
            {
                TableFormat.Json => new JsonRecordReader(window, table, lines: false, Report, skipUnread: !options.DecodeEveryValue),
                TableFormat.JsonLines => new JsonRecordReader(window, table, lines: true, Report, rawUtf8: sniffed.Encoding == TextEncoding.Utf8, skipUnread: !options.DecodeEveryValue),
                TableFormat.Csv or TableFormat.Tsv or TableFormat.Dump => new DelimitedReader(window, table, delimiter!, Report),
                _ => new LineReader(window, table, Report),
            };
            Drain(reader, post, rent);
        }

        // Reads every batch; plans each table on its first batch (here, before detection sees it).
        private void Drain(IRecordReader? reader, Action<RecordBatch> post, Func<RecordBatch> rent)
        {
            if (reader is null)
            {
                return;
            }

            using (reader)
            {
                // Whatever happens, no held error is lost.
                using var flush = new Flush(() => _early.ForEach(error), _early);
                long reported = 0;
                while (true)
                {
                    var batch = rent();
                    if (!reader.Read(batch))
                    {
                        break;
                    }

                    if (batch.Table.Plan is null)
                    {
                        batch.Table.Plan = Profiler.Plan(batch.Table, batch);
                        Release(batch.Table);
                    }
                    var bytes = reader.BytesRead;
                    monitor.AddBytes(bytes - reported);
                    reported = bytes;
                    post(batch);
                }
            }
        }

        private int ReadZip(ScanSource source, Stream seekable, Action<RecordBatch> post, Func<RecordBatch> rent)
        {
            ZipArchive zip;
            try
            {
                zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException ex)
            {
                error(new ScanError(source.Name, null, $"not a readable zip archive ({ex.Message.TrimEnd('.')}); skipped"));
                seekable.Dispose();
                return 1;
            }

            if (zip.GetEntry("xl/workbook.xml") is not null)
            {
                // A workbook: ExcelDataReader opens the package itself.
                zip.Dispose();
                seekable.Seek(0, SeekOrigin.Begin);
                Count(Sniffer.XlsxLabel);
                Drain(SpreadsheetReader.Open(seekable, source.Name, TableFormat.Xlsx, error), post, rent);
                return 1;
            }

            using (seekable)
            using (zip)
            {
                var leaves = 0;
                foreach (var member in ArchiveMembers.Of(source, zip, options.Limits, _archiveBudget, error))
                {
                    leaves += member is null ? 1 : Read(member, post, rent);
                }

                return Math.Max(leaves, 1);
            }
        }

        private sealed class Flush(Action flush, List<ScanError> held) : IDisposable
        {
            public void Dispose()
            {
                flush();
                held.Clear();
            }
        }

        // Workbooks and archives need seeking: a non-seekable stream (stdin, an archive member) is copied to a
        // temporary file first, within the archive budget.
        private Stream Seekable(Stream stream, byte[] head, int n, ScanSource source)
        {
            var seekable = ArchiveMembers.Seekable(stream, head, n);
            monitor.Current = source.Name;
            return seekable;
        }
    }
}
