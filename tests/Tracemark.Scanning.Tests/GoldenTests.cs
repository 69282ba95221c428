using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using Tracemark.Reports;
using Tracemark.Synthetic;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests;

/// <summary>
/// Pins everything a scan produces — every count of the summary, every finding byte for byte, the examples — on a
/// varied corpus, so a rewrite of the scanner's hot path (issue 16: byte-level candidates) provably changes nothing.
/// The goldens live in Golden/ beside this file. After an intended change of output, regenerate them with
/// <c>TRACEMARK_UPDATE_GOLDEN=1 dotnet test tests/Tracemark.Scanning.Tests --filter GoldenTests</c> and review the diff.
/// </summary>
public sealed class GoldenTests(GoldenTests.Corpus corpus) : IClassFixture<GoldenTests.Corpus>
{
    /// <summary>The text files of the synthetic corpus and the encoding each is written in (TextEncodings in Synthetic).</summary>
    private static readonly (string File, int CodePage)[] TextFiles =
    [
        ("app-users.jsonl", 65001), ("chat-log.txt", 65001), ("courier-waybills.csv", 54936),
        ("hotel-checkins.txt", 1200), ("materials-dump.txt", 54936), ("orders-decoys.csv", 65001),
    ];

    public sealed class Corpus : IDisposable
    {
        private readonly TempDir _dir = new("golden");

        public Corpus()
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

            // Every shape synth writes (all its formats and encodings: GBK CSV, UTF-16 TSV, GB18030 dump, UTF-8 chat,
            // JSON Lines, UTF-8-BOM decoys, XLSX), noisy, with people repeating within and across files.
            LeakCorpus.Generate(new SynthOptions(Synth, Seed: 16, People: 220, Records: 150, Noise: 0.12, WriteTruth: false));

            Directory.CreateDirectory(TextOnly);
            foreach (var (file, _) in TextFiles)
            {
                File.Copy(Path.Combine(SynthLeaks, file), Path.Combine(TextOnly, file));
            }

            WriteEdgeCases();
        }

        public string Synth => _dir.File("synth");

        public string SynthLeaks => Path.Combine(Synth, LeakCorpus.LeaksFolder);

        /// <summary>The synthetic text files alone, in their original encodings.</summary>
        public string TextOnly => _dir.File("text");

        /// <summary>Shapes synth does not write: a line longer than a window, a JSON document, a nested zip.</summary>
        public string Edge => _dir.File("edge");

        public string Variant(string name) => _dir.File("variant-" + name);

        private void WriteEdgeCases()
        {
            Directory.CreateDirectory(Edge);

            // One line of about 300 K characters: read in overlapping pieces of 256 K; identifiers sit on and around the
            // seams as well as at regular places.
            var line = new StringBuilder();
            var n = 0;
            while (line.Length < 300_000)
            {
                line.Append(n % 37 == 0 ? "客户要求加急配送联系手机1380013" + (n % 10_000).ToString("D4", CultureInfo.InvariantCulture) + "谢谢" : "今天天气不错订单已发货请注意查收");
                if (n % 101 == 0)
                {
                    line.Append("身份证11010519491231002X");
                }

                n++;
            }

            File.WriteAllText(Path.Combine(Edge, "one-line.txt"), line + "\n", new UTF8Encoding(false));

            // A JSON document: an array of the app's records, with nesting.
            var records = File.ReadLines(Path.Combine(SynthLeaks, "app-users.jsonl")).Take(40).ToList();
            File.WriteAllText(Path.Combine(Edge, "export.json"), "{\"data\":{\"users\":[\n" + string.Join(",\n", records) + "\n]}}\n", new UTF8Encoding(false));

            // A zip holding a dump and a zip holding the chat log.
            using var outer = new MemoryStream();
            using (var zip = new ZipArchive(outer, ZipArchiveMode.Create, leaveOpen: true))
            {
                zip.CreateEntryFromFile(Path.Combine(SynthLeaks, "materials-dump.txt"), "dump/materials-dump.txt");
                using var inner = new MemoryStream();
                using (var z = new ZipArchive(inner, ZipArchiveMode.Create, leaveOpen: true))
                {
                    z.CreateEntryFromFile(Path.Combine(SynthLeaks, "chat-log.txt"), "chat-log.txt");
                }

                using var s = zip.CreateEntry("inner.zip").Open();
                s.Write(inner.ToArray());
            }

            File.WriteAllBytes(Path.Combine(Edge, "bundle.zip"), outer.ToArray());
        }

        public void Dispose() => _dir.Dispose();
    }

    /// <summary>Output is in input order whatever the number of detection threads (CI machines differ from this one).</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void The_synthetic_corpus_scans_as_pinned(int workers) =>
        Verify("synth", Render(Scan(corpus.SynthLeaks, new ScanOptions { Workers = workers })));

    [Fact]
    public void The_bundled_samples_scan_as_pinned() => Verify("samples", Render(Scan(Path.Combine(RepositoryRoot(), "samples", "leaks"))));

    [Fact]
    public void Long_lines_json_documents_and_archives_scan_as_pinned() => Verify("edge", Render(Scan(corpus.Edge)));

    /// <summary>The summary is pinned; the findings are exactly the default scan's at or above the bar.</summary>
    [Fact]
    public void Insider_thresholds_and_a_higher_confidence_bar_scan_as_pinned()
    {
        var strict = Scan(corpus.SynthLeaks, new ScanOptions { Insider = true, MinConfidence = 0.9f });
        Verify("synth-insider-0.9", Render(strict with { Findings = string.Empty }));
        var all = Scan(corpus.SynthLeaks).Findings.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var kept = all.Where(l => Evaluation.Finding.Parse(l).Confidence >= 0.9).ToList();
        Assert.InRange(kept.Count, 1, all.Length - 1);
        Assert.Equal(kept, strict.Findings.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    public static TheoryData<string> Encodings => new() { "utf-8", "utf-8-bom", "gb18030", "utf-16le", "utf-16be", "utf-16le-nobom" };

    /// <summary>
    /// The same text in another encoding gives the same findings byte for byte and the same summary (bar the encoding
    /// names and byte counts), so a byte-level path cannot diverge between UTF-8, GB18030 and UTF-16.
    /// </summary>
    [Theory]
    [MemberData(nameof(Encodings))]
    public void Every_encoding_of_the_text_files_scans_like_the_original(string encoding)
    {
        var target = encoding switch
        {
            "utf-8" => new UTF8Encoding(false),
            "utf-8-bom" => new UTF8Encoding(true),
            "gb18030" => Encoding.GetEncoding(54936),
            "utf-16le" => new UnicodeEncoding(false, true),
            "utf-16be" => new UnicodeEncoding(true, true),
            _ => new UnicodeEncoding(false, false),
        };
        var dir = corpus.Variant(encoding);
        Directory.CreateDirectory(dir);
        foreach (var (file, codePage) in TextFiles)
        {
            string text;
            using (var reader = new StreamReader(Path.Combine(corpus.TextOnly, file), Encoding.GetEncoding(codePage), detectEncodingFromByteOrderMarks: true))
            {
                text = reader.ReadToEnd();
            }

            File.WriteAllBytes(Path.Combine(dir, file), [.. target.GetPreamble(), .. target.GetBytes(text)]);
        }

        var original = Scan(corpus.TextOnly);
        var variant = Scan(dir);
        Assert.Equal(original.Findings, variant.Findings);
        Assert.Equal(Render(Neutral(original)), Render(Neutral(variant)));
        Assert.True(variant.Findings.Length > 100_000, "the variant must produce findings");
    }

    internal sealed record Output(ScanSummary Summary, string Findings);

    internal static Output Scan(string path, ScanOptions? options = null)
    {
        using var findings = new MemoryStream();
        var summary = Scanner.Scan((options ?? new ScanOptions()) with { Paths = [path], Findings = findings, Today = new DateOnly(2026, 11, 22) });
        return new Output(summary, Encoding.UTF8.GetString(findings.ToArray()));
    }

    /// <summary>What may differ between encodings of the same text: the encodings themselves and the byte count.</summary>
    private static Output Neutral(Output o) => o with
    {
        Summary = o.Summary with
        {
            Bytes = 0,
            Encodings = new Dictionary<string, long>(),
            // One name for all (a name the report can print: its encodings are a closed set); only the encoding differs.
            Tables = [.. o.Summary.Tables.Select(t => t with { Encoding = "utf-8" })],
        },
    };

    /// <summary>The summary JSON (wall time zeroed), the examples and the newest record time, then every finding as written.</summary>
    internal static string Render(Output o)
    {
        using var json = new MemoryStream();
        ReportJson.Write(ScanReport.From(o.Summary with { Elapsed = TimeSpan.Zero }), json);
        var sb = new StringBuilder();
        sb.Append(Encoding.UTF8.GetString(json.ToArray())).Append('\n');
        sb.Append("--- examples\n");
        foreach (var (kind, values) in o.Summary.Examples.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            sb.Append(kind).Append(": ").Append(string.Join(" | ", values)).Append('\n');
        }

        sb.Append("--- newest record: ").Append(o.Summary.NewestRecord?.ToString("s", CultureInfo.InvariantCulture) ?? "none").Append('\n');
        sb.Append("--- findings\n").Append(o.Findings);
        return sb.ToString();
    }

    private static void Verify(string name, string actual)
    {
        var path = Path.Combine(SourceDirectory(), "Golden", name + ".golden.txt");
        if (Environment.GetEnvironmentVariable("TRACEMARK_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        Assert.True(File.Exists(path), $"no golden file {path}: run with TRACEMARK_UPDATE_GOLDEN=1 to write it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected == actual)
        {
            return;
        }

        File.WriteAllText(path + ".received", actual, new UTF8Encoding(false));
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var at = Enumerable.Range(0, Math.Min(e.Length, a.Length)).FirstOrDefault(i => e[i] != a[i], Math.Min(e.Length, a.Length));
        Assert.Fail($"{name} differs from its golden file at line {at + 1} ({e.Length} lines expected, {a.Length} received; all of it in {path}.received):\n" +
            $"expected: {(at < e.Length ? e[at] : "(end)")}\nreceived: {(at < a.Length ? a[at] : "(end)")}");
    }

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;

    private static string RepositoryRoot() => Path.GetFullPath(Path.Combine(SourceDirectory(), "..", ".."));
}
