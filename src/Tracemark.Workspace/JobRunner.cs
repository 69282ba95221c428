using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracemark.Identifiers;
using Tracemark.Reports;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Workspace;

namespace Tracemark.Workspace;

/// <summary>
/// The scan queue: one job at a time (a scan already uses every core), in the order queued; jobs a stopped server
/// left queued or running are run again on start. A job scans every file of its case together — so persons are
/// counted once across files, as `tracemark scan FILE…` does — compares with the known-leak store when one is set,
/// and stores the masked result. The few example values a reveal may show are kept beside the evidence (mode 0600),
/// never in the database.
/// </summary>
internal sealed partial class JobRunner(IWorkspace db, WorkspaceOptions options, ILogger<JobRunner> log) : BackgroundService
{
    private readonly Channel<long> _queue = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, JobJson> _live = new();

    public void Enqueue(long job) => _queue.Writer.TryWrite(job);

    /// <summary>The state of a job: live while it runs, else as stored.</summary>
    public JobJson? State(long job) =>
        _live.TryGetValue(job, out var live) ? live : db.Job(job) is { } stored ? new JobJson(stored.Id, stored.State, stored.Progress, stored.Error) : null;

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

        _live[id] = new JobJson(id, "running", 0, null);
        db.UpdateJob(id, "running", 0, null, null, null);
        var monitor = new ScanMonitor();
        var files = db.Files(job.Case);
        var total = Math.Max(1, files.Sum(f => f.Bytes));
        using var progress = new Timer(_ => _live[id] = new JobJson(id, "running", Math.Min(0.99, (double)monitor.BytesRead / total), null), null, TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200));
        try
        {
            var scan = new ScanOptions { Paths = [.. files.Select(f => FilePath(options, f.Id))] };
            ScanSummary summary;
            Comparison? comparison = null;
            if (options.KnownLeaks is { } store)
            {
                using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(store, options.KnownLeaksKey), create: false);
                comparison = leaks.Compare(scan, DateOnly.FromDateTime(DateTime.UtcNow), null, monitor, stop);
                summary = comparison.Scan;
            }
            else
            {
                summary = Scanner.Scan(scan, monitor, stop);
            }

            progress.Change(Timeout.Infinite, Timeout.Infinite);
            var examples = new Dictionary<string, string>(StringComparer.Ordinal);
            var findings = new List<FindingJson>();
            foreach (var (code, values) in summary.Examples.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                var kind = IdentifierKinds.TryParse(code, out var k) ? k : (IdentifierKind?)null;
                for (var i = 0; i < values.Count; i++)
                {
                    var name = $"{code}:{i}";
                    examples[name] = values[i];
                    findings.Add(new FindingJson(name, code, kind is { } known ? Masking.Mask(known, values[i]) : Masking.MaskUnknown(values[i])));
                }
            }

            WriteExamples(ExamplesPath(options, id), examples);
            var result = Result(summary, comparison, findings, files, names: files.ToDictionary(f => f.Id.ToString(CultureInfo.InvariantCulture), f => f.Name, StringComparer.Ordinal), Path.Combine(options.Data, "files"));
            db.UpdateJob(id, "done", 1, null, result, WorkspaceAdmin.Now());
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

    // Store and I/O messages name the problem; others get their type only, since an unexpected message might quote data.
    private static string Plain(Exception e) => e is StoreException or IOException or UnauthorizedAccessException ? e.Message : $"the scan failed ({e.GetType().Name}); the server log has no more detail";

    [LoggerMessage(Level = LogLevel.Warning, Message = "job {Job} failed: {Kind}")]
    private static partial void LogFailed(ILogger logger, long job, string kind);

    /// <summary>The summary JSON of `scan --summary-json` with the case's findings (masked), comparison and files beside it.</summary>
    private static string Result(ScanSummary summary, Comparison? comparison, List<FindingJson> findings, IReadOnlyList<EvidenceFile> files, Dictionary<string, string> names, string folder)
    {
        using var buffer = new MemoryStream();
        ReportJson.Write(ScanReport.From(summary), buffer, indented: false);
        var root = JsonNode.Parse(buffer.ToArray())!.AsObject();
        // Files are stored under their ids: show the names they were uploaded with (an archive member or sheet
        // keeps its suffix: "3!sheet" becomes "leak.xlsx!sheet"), in tables, errors and notes alike.
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

        root["evidence_files"] = files.Count;
        root["findings"] = JsonSerializer.SerializeToNode(findings, WorkspaceJson.Default.IReadOnlyListFindingJson);
        if (comparison is not null)
        {
            var c = CultureInfo.InvariantCulture;
            root["store"] = JsonSerializer.SerializeToNode(
                new ComparisonJson(
                    comparison.Identifiers,
                    comparison.Known,
                    comparison.New,
                    comparison.SameAs,
                    comparison.EarliestFirstSeen?.ToString("yyyy-MM-dd", c),
                    comparison.Freshness.Grade,
                    comparison.Freshness.Reasons,
                    [.. comparison.Datasets.Select(d => new OverlapJson(d.Name, d.Category, d.Seen.ToString("yyyy-MM-dd", c), d.Overlap, Math.Round(d.ShareOfInput, 4)))]),
                WorkspaceJson.Default.ComparisonJson);
        }

        // Chinese as it is, like `scan --summary-json` (the page and the API serve it as UTF-8).
        return root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
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
