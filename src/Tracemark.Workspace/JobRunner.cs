using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracemark.Identifiers;
using Tracemark.Incident;
using Tracemark.Intel;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Workspace;
using Tracemark.Tracing.Owner;

namespace Tracemark.Workspace;

/// <summary>
/// The scan queue: one job at a time (a scan already uses every core), in the order queued; jobs a stopped server
/// left queued or running are run again on start. A job scans only the case's files that no earlier job merged and
/// merges their scan part into the case's (<see cref="CaseState"/>): persons are counted once across files, and the
/// summary equals `tracemark scan` of all the case's files. It compares the case's identifiers with the known-leak
/// store when one is set, and stores the masked result. The few example values a reveal may show are kept beside the
/// evidence (mode 0600), never in the database.
/// </summary>
internal sealed partial class JobRunner(IWorkspace db, WorkspaceOptions options, CaseCache<byte[]> summaries, ILogger<JobRunner> log) : BackgroundService
{
    /// <summary>The trading actors the intel view lists, most posts first (as `intel --top` lists them).</summary>
    private const int MaxActors = 50;

    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, WorkspaceJob> _live = new();

    public void Enqueue(long job) => _queue.Writer.TryWrite(job);

    /// <summary>The state of a job: live while it runs, else as stored.</summary>
    public WorkspaceJob? State(long job) =>
        _live.TryGetValue(job, out var live) ? live : db.Job(job) is { } stored ? new WorkspaceJob(stored.Id, WorkspaceValues.State(stored.State), stored.Progress, stored.Error) : null;

    public static string FilePath(WorkspaceOptions options, long file) => Path.Combine(options.Data, "files", file.ToString(CultureInfo.InvariantCulture));

    public static string ExamplesPath(WorkspaceOptions options, long job) => Path.Combine(options.Data, "results", $"{job.ToString(CultureInfo.InvariantCulture)}.examples.json");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var job in db.Unfinished())
        {
            Enqueue(job.Id);
        }

        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            await Task.Run(() => Run(job, stoppingToken), stoppingToken).ConfigureAwait(false);
        }
    }

    private void Run(long id, CancellationToken stop)
    {
        if (db.Job(id) is not { State: "queued" or "running" } job)
        {
            return;
        }

        _live[id] = new WorkspaceJob(id, JobState.Running, 0, null);
        db.UpdateJob(id, "running", 0, null, null, null);
        var monitor = new ScanMonitor();
        var files = db.Files(job.Case);
        var key = CaseState.Key(options);
        long total = 1;
        using var progress = new Timer(_ => _live[id] = new WorkspaceJob(id, JobState.Running, Math.Min(0.99, (double)monitor.BytesRead / Volatile.Read(ref total)), null), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
        try
        {
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            using var leaks = options.KnownLeaks is { } store ? KnownLeakStore.Open(StoreLocation.Resolve(store, options.KnownLeaksKey), create: false) : null;
            // With owner data in the store the case is traced, as `tracemark trace` of all its files: that needs each
            // record's tags, kept per case. A case whose earlier files were merged without them is read again whole.
            var traced = leaks is not null && leaks.OwnerData.CustomerCount() > 0 && leaks.OwnerData.Channels().Count > 0;
            var state = CaseState.Load(options, job.Case, key);
            var records = traced ? CaseRecords.Load(options, job.Case) : null;
            if (records is not null && !state.Files.All(records.Files.Contains))
            {
                state = CaseState.Empty;
                records = new CaseRecords([], []);
            }

            var merged = state.Files.ToHashSet();
            var fresh = files.Where(f => !merged.Contains(f.Id)).ToList();
            Volatile.Write(ref total, Math.Max(1, fresh.Sum(f => f.Bytes)));

            // Only the files no earlier job merged are read; the case's part carries what the others held.
            var part = state.Part;
            var tags = state.Tags;
            if (fresh.Count > 0)
            {
                using var tagger = leaks?.CreateTagger();
                var collector = tagger is null ? null : new StoreTagCollector(tagger, byRecord: traced);
                var scan = new ScanOptions { Paths = [.. fresh.Select(f => FilePath(options, f.Id))], Observer = collector, Today = today };
                var next = ScanPart.Scan(scan, key, monitor, stop);
                part = part is null ? next : part.WithExamples(ReadExamples(CaseExamplesPath(options, job.Case))).Merge(next);
                if (collector is not null)
                {
                    tags = CaseState.Union(tags, collector.Tags());
                }

                // The examples first: a state saved without them would lose the merged files' examples; the records
                // before the state, which names the files they must cover.
                WriteExamples(CaseExamplesPath(options, job.Case), Named(part.Examples));
                if (records is not null && collector is not null)
                {
                    records = new CaseRecords([.. records.Files, .. fresh.Select(f => f.Id)], [.. records.Records, .. collector.Records]);
                    records.Save(options, job.Case);
                }

                new CaseState([.. state.Files, .. fresh.Select(f => f.Id)], part, tags).Save(options, job.Case, key);
            }
            else if (part is not null)
            {
                part = part.WithExamples(ReadExamples(CaseExamplesPath(options, job.Case)));
            }

            var summary = (part ?? throw new IOException($"case {job.Case} has no evidence files to scan")).Summary(today, insider: false);
            var comparison = leaks is null ? null : Compare(leaks, tags, summary, files, today);
            var trace = records is null ? null : new Tracer(leaks!).Trace([.. records.Records], summary, string.Join(" ", files.Select(f => f.Name)), today);
            var posts = CasePosts.Load(options, job.Case).ToHashSet();
            var intel = Intel([.. files.Where(f => posts.Contains(f.Id))], leaks, stop);
            if (leaks is not null)
            {
                AddToIncident(leaks, job.Case, [.. files.Where(f => !posts.Contains(f.Id))]);
            }

            progress.Change(Timeout.Infinite, Timeout.Infinite);
            var findings = new List<WorkspaceFinding>();
            foreach (var (code, values) in summary.Examples.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var kind = IdentifierKinds.TryParse(code, out var k) ? k : (IdentifierKind?)null;
                for (var i = 0; i < values.Count; i++)
                {
                    findings.Add(new WorkspaceFinding($"{code}:{i}", code, kind is { } known ? Masking.Mask(known, values[i]) : Masking.MaskUnknown(values[i])));
                }
            }

            WriteExamples(ExamplesPath(options, id), Named(summary.Examples));
            var result = Result(summary, comparison, trace, intel, findings, files, names: files.ToDictionary(f => f.Id.ToString(CultureInfo.InvariantCulture), f => f.Name, StringComparer.Ordinal), Path.Combine(options.Data, "files"));
            db.UpdateJob(id, "done", 1, null, result, WorkspaceAdmin.Now());
            summaries.Changed(job.Case);
            _live.TryRemove(id, out _);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Left "running": the next start runs it again.
            _live.TryRemove(id, out _);
        }
#pragma warning disable CA1031 // a failed job must be recorded as failed, whatever went wrong, and the queue go on
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogFailed(log, id, e.GetType().Name);
            db.UpdateJob(id, "failed", (double)monitor.BytesRead / total, Plain(e), null, WorkspaceAdmin.Now());
            _live.TryRemove(id, out _);
        }
    }

    /// <summary>An enum member's name as the JSON names it (KnownShare → known_share).</summary>
    // Intel's counts by code, read into the contract's enum in intel's order (a Dictionary keeps it: the wire order).
    private static Dictionary<TKey, int> Keyed<TKey>(IReadOnlyDictionary<string, int> counts, Func<string, TKey> read)
        where TKey : notnull => counts.ToDictionary(p => read(p.Key), p => p.Value);

    /// <summary>
    /// Adds the case's evidence files that its incident does not hold yet as one piece of evidence, through
    /// `tracemark incident add`'s own path (<see cref="IncidentBook.Add(string, ScanOptions, string?, IReadOnlyList{string}?)"/>:
    /// scanned, compared, traced and matched to the owner's customers, persons counted once across the incident), named
    /// as uploaded. Evidence the scanner reads nothing from is refused there; the refusal is kept for the page and the
    /// files are not offered again.
    /// </summary>
    private void AddToIncident(KnownLeakStore leaks, long caseId, IReadOnlyList<EvidenceFile> evidence)
    {
        if (CaseIncident.Load(options, caseId) is not { } incident)
        {
            return;
        }

        var held = incident.Files.ToHashSet();
        var fresh = evidence.Where(f => !held.Contains(f.Id)).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        IReadOnlyList<string> problems;
        try
        {
            problems = new IncidentBook(leaks).Add(incident.Name, new ScanOptions { Paths = [.. fresh.Select(f => FilePath(options, f.Id))] }, buyer: null, [.. fresh.Select(f => f.Name)]).Problems;
        }
        catch (StoreException e) when (e.InnerException is null)
        {
            problems = [e.Message];
        }

        CaseIncident.Added(options, caseId, fresh.Select(f => f.Id), problems);
    }

    /// <summary>
    /// `compare`'s figures for the case's identifiers (every file's, as tags) against the store as it is now: known and
    /// new, overlap per dataset, the earliest sighting, a dataset of exactly these files, and the freshness grade.
    /// </summary>
    private static WorkspaceComparison Compare(KnownLeakStore leaks, IReadOnlyList<StoreTag> tags, ScanSummary summary, IReadOnlyList<EvidenceFile> files, DateOnly seen)
    {
        var sightings = leaks.Sightings(tags.Select(t => t.Tag));
        var known = sightings.Select(s => s.Tag).Distinct().LongCount();
        var overlaps = sightings.GroupBy(s => s.Dataset.Id)
            .Select(g => (Dataset: g.First().Dataset, Count: g.Select(s => s.Tag).Distinct().LongCount()))
            .OrderByDescending(p => p.Count).ThenBy(p => p.Dataset.Seen)
            .ToList();
        var earliest = sightings.Count == 0 ? (DateOnly?)null : sightings.Min(s => s.FirstSeen);
        var freshness = new FreshnessRules().Grade(seen, summary.NewestRecord, tags.Count, known);
        var hash = ContentHash(files);
        var same = leaks.Datasets().FirstOrDefault(d => d.Complete && d.ContentHash == hash)?.Name;
        var c = CultureInfo.InvariantCulture;
        return new WorkspaceComparison(
            tags.Count,
            known,
            tags.Count - known,
            same,
            earliest?.ToString("yyyy-MM-dd", c),
            ReportValues.Freshness(freshness.Grade),
            freshness.Reasons,
            [.. overlaps.Select(o => new WorkspaceOverlap(o.Dataset.Name, o.Dataset.Category, o.Dataset.Seen.ToString("yyyy-MM-dd", c), o.Count, Math.Round(tags.Count == 0 ? 0 : (double)o.Count / tags.Count, 4)))],
            [.. freshness.Signals.Select(s => new WorkspaceFreshnessSignal(WorkspaceValues.Signal(s.Signal), s.Share, s.Identifiers, s.Newest?.ToString("yyyy-MM-dd HH:mm", c), s.Days, s.Seen.ToString("yyyy-MM-dd", c), s.Limit))]);
    }

    /// <summary>
    /// `tracemark intel` of the case's posts files, all of them each time (actors link across every post, and posts
    /// files are small next to leaks): posts by goods and type as its table counts them, the trading actors with
    /// their offers and prices — handles masked as `intel` masks them without --reveal — and the market by month.
    /// </summary>
    private WorkspaceIntelView? Intel(IReadOnlyList<EvidenceFile> posts, KnownLeakStore? leaks, CancellationToken stop)
    {
        if (posts.Count == 0)
        {
            return null;
        }

        var names = posts.ToDictionary(f => FilePath(options, f.Id), f => f.Name, StringComparer.Ordinal);
        using var result = IntelRun.Run(new IntelOptions { Paths = [.. names.Keys], Store = leaks }, stop);
        var goods = new Dictionary<string, long[]>(StringComparer.Ordinal);
        long samples = 0, known = 0;
        foreach (var p in result.Posts)
        {
            samples += p.SampleIdentifiers;
            known += p.SamplesKnown ?? 0;
            if (p.Goods == "other")
            {
                continue;
            }

            if (!goods.TryGetValue(p.Goods, out var row))
            {
                goods[p.Goods] = row = new long[5];
            }

            row[p.Type switch { "offer" => 0, "request" => 1, _ => 2 }]++;
            row[3] += p.UnitPriceYuan is null ? 0 : 1;
            row[4] += p.SampleIdentifiers > 0 ? 1 : 0;
        }

        var c = CultureInfo.InvariantCulture;
        string Named(string path) => names.TryGetValue(path, out var name) ? name : Path.GetFileName(path);
        return new WorkspaceIntelView(
            result.PostCount,
            result.TradePosts,
            [.. result.Formats.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new WorkspaceIntelFile(Named(f.Key), WorkspaceValues.Format(f.Value)))],
            [.. goods.OrderByDescending(g => g.Value[0] + g.Value[1] + g.Value[2]).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new WorkspaceGoods(IntelValues.Goods(g.Key), g.Value[0], g.Value[1], g.Value[2], g.Value[3], g.Value[4]))],
            samples,
            known,
            [.. result.Actors.Where(a => a.Offers + a.Requests + a.Services > 0).OrderByDescending(a => a.Posts).ThenBy(a => a.Id, StringComparer.Ordinal).Take(MaxActors).Select(a => new WorkspaceIntelActor(
                a.Id, a.Accounts.Count, a.Posts, a.Offers, a.Requests, a.Services, Keyed(a.Goods, IntelValues.Goods), Keyed(a.Categories, IntelValues.Category), a.Volume, a.PriceMin, a.PriceMax,
                a.FirstSeen?.ToString("yyyy-MM-dd", c), a.LastSeen?.ToString("yyyy-MM-dd", c),
                [.. a.Handles.Select(h => h.Masked()).Select(h => new WorkspaceHandle(IntelValues.Handle(h.Kind), h.Value, h.Escrow))]))],
            [.. result.Market.Select(m => new WorkspaceMarket(m.Month, IntelValues.Goods(m.Goods), IntelValues.Category(m.Category), IntelValues.Freshness(m.Freshness), m.Offers, m.Priced, m.MedianPrice, m.MinPrice, m.MaxPrice, m.Volume))],
            [.. result.Problems.Take(100).Select(p => new WorkspaceIntelProblem(Named(p.Source), p.Where, names.Aggregate(p.Message, (m, n) => m.Replace(n.Key, n.Value, StringComparison.Ordinal))))]);
    }

    // As the store identifies content (KnownLeakStore.ContentHash): a file's SHA-256, or that of several files' sorted
    // digests; the digests were taken at upload.
    private static string ContentHash(IReadOnlyList<EvidenceFile> files)
    {
        if (files.Count == 1)
        {
            return files[0].Sha256;
        }

        var digests = files.Select(f => Convert.FromHexString(f.Sha256)).ToList();
        digests.Sort((a, b) => a.AsSpan().SequenceCompareTo(b));
        return Convert.ToHexStringLower(SHA256.HashData([.. digests.SelectMany(d => d)]));
    }

    public static string CaseExamplesPath(WorkspaceOptions options, long caseId) => Path.Combine(options.Data, "results", $"case-{caseId.ToString(CultureInfo.InvariantCulture)}.examples.json");

    /// <summary>Example values by finding name ("mobile:0"), as reveal finds them.</summary>
    private static Dictionary<string, string> Named(IReadOnlyDictionary<string, IReadOnlyList<string>> examples) =>
        examples.SelectMany(e => e.Value.Select((v, i) => (Name: $"{e.Key}:{i}", Value: v))).ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);

    /// <summary>Example values per kind in their order, from a file <see cref="Named"/> wrote.</summary>
    private static Dictionary<string, IReadOnlyList<string>> ReadExamples(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var file = File.OpenRead(path);
        var named = JsonSerializer.Deserialize(file, WorkspaceJson.Default.DictionaryStringString) ?? [];
        return named
            .Select(p => (Code: p.Key[..p.Key.LastIndexOf(':')], Index: int.Parse(p.Key[(p.Key.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture), p.Value))
            .GroupBy(e => e.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.OrderBy(e => e.Index).Select(e => e.Value)], StringComparer.Ordinal);
    }

    // Store and I/O messages name the problem; others get their type only, since an unexpected message might quote data.
    private static string Plain(Exception e) => e is StoreException or IOException or UnauthorizedAccessException ? e.Message : $"the scan failed ({e.GetType().Name}); the server log has no more detail";

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Job} failed: {Kind}")]
    private static partial void LogFailed(ILogger logger, long job, string kind);

    /// <summary>The summary JSON of `scan --summary-json` with the case's findings (masked), comparison and files beside it.</summary>
    private static string Result(ScanSummary summary, WorkspaceComparison? comparison, TraceReport? trace, WorkspaceIntelView? intel, List<WorkspaceFinding> findings, IReadOnlyList<EvidenceFile> files, Dictionary<string, string> names, string folder)
    {
        using var buffer = new MemoryStream();
        ReportJson.Write(ScanReport.From(summary), buffer, indented: false);
        var root = JsonNode.Parse(buffer.ToArray())!.AsObject();
        UploadedNames(root, names, folder);
        root["evidence_files"] = files.Count;
        root["findings"] = JsonSerializer.SerializeToNode(findings, ReportJson.EscapedInfo<IReadOnlyList<WorkspaceFinding>>());
        if (comparison is not null)
        {
            root["store"] = JsonSerializer.SerializeToNode(comparison, ReportJson.EscapedInfo<WorkspaceComparison>());
        }

        if (trace is not null)
        {
            // `tracemark trace --json` of the case's files (channels and access-log evidence; no identifier).
            var traced = JsonNode.Parse(ReportJson.Serialize(AttributionReport.From(trace)))!.AsObject();
            UploadedNames(traced, names, folder);
            root["trace"] = traced;
            // Beside the `trace --json` contract, not in it: the caveats as codes, for the page to word per language.
            root["trace_caveats"] = JsonSerializer.SerializeToNode((IReadOnlyList<WorkspaceTraceCaveat>)[.. trace.CaveatCodes.Select(k => new WorkspaceTraceCaveat(WorkspaceValues.Caveat(k.Kind), k.Count))], ReportJson.EscapedInfo<IReadOnlyList<WorkspaceTraceCaveat>>());
        }

        if (intel is not null)
        {
            root["intel"] = JsonSerializer.SerializeToNode(intel, ReportJson.EscapedInfo<WorkspaceIntelView>());
        }

        // Chinese as it is, like `scan --summary-json` (the page and the API serve it as UTF-8).
        return root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>
    /// Files are stored under their ids: show the names they were uploaded with (an archive member or sheet keeps its
    /// suffix: "3!sheet" becomes "leak.xlsx!sheet"), in tables, errors and notes alike.
    /// </summary>
    private static void UploadedNames(JsonObject root, Dictionary<string, string> names, string folder)
    {
        foreach (var list in new[] { "tables", "errors", "notes" })
        {
            foreach (var item in (root[list] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (item["source"]?.GetValue<string>() is { } source)
                {
                    var digits = source.TakeWhile(char.IsAsciiDigit).Count();
                    if (digits > 0 && names.TryGetValue(source[..digits], out var name))
                    {
                        item["source"] = name + source[digits..];
                    }
                }

                if (item["message"]?.GetValue<string>() is { } message && message.Contains(folder, StringComparison.Ordinal))
                {
                    foreach (var (id, name) in names)
                    {
                        message = message.Replace(Path.Combine(folder, id), name, StringComparison.Ordinal);
                    }

                    item["message"] = message;
                }
            }
        }
    }

    private static void WriteExamples(string path, Dictionary<string, string> examples)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        JsonSerializer.Serialize(file, examples, WorkspaceJson.Default.DictionaryStringString);
    }

    /// <summary>The raw value behind one finding of a finished job, or null.</summary>
    public static string? Example(WorkspaceOptions options, long job, string finding)
    {
        var path = ExamplesPath(options, job);
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = File.OpenRead(path);
        var examples = JsonSerializer.Deserialize(file, WorkspaceJson.Default.DictionaryStringString);
        return examples is not null && examples.TryGetValue(finding, out var value) ? value : null;
    }
}
