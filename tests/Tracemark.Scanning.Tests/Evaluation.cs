using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tracemark.Identifiers;
using Tracemark.Synthetic;
using Tracemark.Synthetic.Truth;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests;

/// <summary>
/// Scans a synthetic corpus and compares findings with its ground truth by (source, record, kind, value):
/// precision and recall per kind, decoys reported, and the distinct-person count.
/// </summary>
public sealed class Evaluation : IDisposable
{
    private readonly TempDir _dir = new("eval");

    public Evaluation(long records = 600, long people = 1_200, long seed = 31, double noise = 0.12, string[]? shapes = null)
    {
        // The generator hands each record's truth over as it writes it (the JSON file is the CLI's contract, tested
        // there); datasets are generated in parallel, so records arrive from several threads.
        var truth = new ConcurrentQueue<RecordTruth>();
        Manifest = LeakCorpus.Generate(new SynthOptions(_dir.Path, seed, people, records, noise, shapes), writeTruth: (t, _) => truth.Enqueue(t));
        using var findings = new MemoryStream();
        Summary = Scanner.Scan(new ScanOptions { Paths = [Path.Combine(_dir.Path, LeakCorpus.LeaksFolder)], Findings = findings, Today = new DateOnly(2026, 11, 22) });
        Findings = [.. Encoding.UTF8.GetString(findings.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Finding.Parse)];
        foreach (var record in truth)
        {
            foreach (var item in record.Items)
            {
                var key = new Key(record.Source, record.Record, item.Kind.Code(), item.Value);
                switch (item.Status)
                {
                    case ItemStatus.Valid or ItemStatus.Masked:
                        Expected.Add(key);
                        break;
                    case ItemStatus.Decoy:
                        Decoys.Add(key with { Kind = string.Empty });
                        break;
                    default:
                        break;
                }
            }
        }
    }

    public readonly record struct Key(string Source, long Record, string Kind, string Value);

    public sealed record Finding(Key Key, object? Field, double Confidence, string Reason)
    {
        public static Finding Parse(string line)
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var field = r.GetProperty("field");
            return new Finding(
                new Key(r.GetProperty("source").GetString()!, r.GetProperty("record").GetInt64(), r.GetProperty("kind").GetString()!, r.GetProperty("value").GetString()!),
                field.ValueKind switch { JsonValueKind.String => field.GetString(), JsonValueKind.Number => field.GetInt32(), _ => null },
                r.GetProperty("confidence").GetDouble(),
                r.GetProperty("reason").GetString()!);
        }
    }

    public CorpusManifest Manifest { get; }

    public ScanSummary Summary { get; }

    public List<Finding> Findings { get; }

    public HashSet<Key> Expected { get; } = [];

    public HashSet<Key> Decoys { get; } = [];

    /// <summary>Precision and recall of one kind (masked forms are their own kinds).</summary>
    public (double Precision, double Recall, int Found, int Expected) Score(string kind, Func<Key, bool>? where = null)
    {
        where ??= _ => true;
        var found = Findings.Select(f => f.Key).Where(k => k.Kind == kind && where(k)).ToHashSet();
        var expected = Expected.Where(k => k.Kind == kind && where(k)).ToHashSet();
        var hit = found.Count(expected.Contains);
        return (found.Count == 0 ? 1 : hit / (double)found.Count, expected.Count == 0 ? 1 : hit / (double)expected.Count, found.Count, expected.Count);
    }

    /// <summary>Findings whose value is a decoy's look-alike in the same record.</summary>
    public List<Finding> DecoysReported() =>
        [.. Findings.Where(f => Decoys.Contains(f.Key with { Kind = string.Empty }))];

    public IEnumerable<Finding> FalsePositives(string kind) => Findings.Where(f => f.Key.Kind == kind && !Expected.Contains(f.Key));

    public IEnumerable<Key> Missed(string kind) => Expected.Where(k => k.Kind == kind).Except(Findings.Select(f => f.Key));

    public string Report()
    {
        var sb = new StringBuilder();
        foreach (var kind in Expected.Select(k => k.Kind).Concat(Findings.Select(f => f.Key.Kind)).Distinct().Order(StringComparer.Ordinal))
        {
            var (p, r, f, e) = Score(kind);
            sb.AppendLine(CultureInfo.InvariantCulture, $"{kind,-18} precision {p:0.0000} recall {r:0.0000} (found {f}, expected {e})");
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"persons: scanned {Summary.Persons}, truth {Manifest.Persons}; decoys reported: {DecoysReported().Count}");
        return sb.ToString();
    }

    public void Dispose() => _dir.Dispose();
}
