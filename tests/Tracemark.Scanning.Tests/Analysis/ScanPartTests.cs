using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck.Fluent;
using Tracemark.Reports;
using Tracemark.Synthetic;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Analysis;

/// <summary>
/// A case scanned file by file must add up to the scan of all its files at once: the same persons (linked across
/// files), kinds, tiers, demographics, tables and problems. The corpus's files share people, so linking matters.
/// </summary>
public sealed class ScanPartTests : IClassFixture<ScanPartTests.Corpus>
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private readonly Corpus _corpus;

    public ScanPartTests(Corpus corpus) => _corpus = corpus;

    public sealed class Corpus : IDisposable
    {
        private readonly TempDir _dir = new("scanpart");

        public Corpus()
        {
            LeakCorpus.Generate(new SynthOptions(_dir.Path, Seed: 7, People: 300, Records: 120, Noise: 0.12, WriteTruth: false));
            Files = [.. Directory.EnumerateFiles(Path.Combine(_dir.Path, LeakCorpus.LeaksFolder)).Order(StringComparer.Ordinal)];
            // A file that cannot be read and one that is not text: their problems must survive the merge too.
            var broken = _dir.File("broken.zip");
            File.WriteAllBytes(broken, [(byte)'P', (byte)'K', 3, 4, 0, 0, 1, 2]);
            Files = [.. Files, broken];
        }

        public byte[] Key { get; } = RandomNumberGenerator.GetBytes(32);

        public IReadOnlyList<string> Files { get; }

        public void Dispose() => _dir.Dispose();
    }

    private static string Json(ScanSummary summary)
    {
        using var buffer = new MemoryStream();
        ReportJson.Write(ScanReport.From(summary), buffer);
        var root = JsonNode.Parse(buffer.ToArray())!.AsObject();
        root.Remove("elapsed_seconds");
        return root.ToJsonString();
    }

    private ScanPart Part(IEnumerable<string> paths) => ScanPart.Scan(new ScanOptions { Paths = [.. paths], Today = Today }, _corpus.Key);

    private string Whole(IEnumerable<string> paths) => Json(Scanner.Scan(new ScanOptions { Paths = [.. paths], Today = Today }));

    [Fact]
    public void A_part_of_every_file_merged_one_by_one_equals_the_scan_of_all_files()
    {
        var merged = _corpus.Files.Select(f => Part([f])).Aggregate((a, b) => a.Merge(b));
        var whole = Scanner.Scan(new ScanOptions { Paths = [.. _corpus.Files], Today = Today });

        Assert.True(whole.Persons < _corpus.Files.Select(f => Part([f]).Persons).Sum(), "the corpus's files share persons, so linking is tested");
        Assert.Equal(Json(whole), Json(merged.Summary(Today, insider: false)));
        Assert.Equal(whole.Examples.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={string.Join(",", e.Value)}"),
            merged.Examples.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={string.Join(",", e.Value)}"));
    }

    [Fact]
    public void Insider_thresholds_apply_to_the_merged_summary()
    {
        var merged = Part(_corpus.Files.Take(2)).Merge(Part(_corpus.Files.Skip(2)));
        var whole = Scanner.Scan(new ScanOptions { Paths = [.. _corpus.Files], Today = Today, Insider = true });
        Assert.Equal(Json(whole), Json(merged.Summary(Today, insider: true)));
    }

    [Fact]
    public void Any_split_of_the_files_in_order_merges_to_the_whole()
    {
        var files = _corpus.Files;
        var whole = Whole(files);
        var parts = new Dictionary<(int, int), ScanPart>();
        ScanPart PartOf(int from, int to) => parts.TryGetValue((from, to), out var p) ? p : parts[(from, to)] = Part(files.Skip(from).Take(to - from));
        var cuts = Gen.Choose(1, files.Count - 1).Two();
        Properties.Hold(cuts, cut =>
        {
            var (first, second) = (Math.Min(cut.Item1, cut.Item2), Math.Max(cut.Item1, cut.Item2));
            var merged = first == second
                ? PartOf(0, first).Merge(PartOf(first, files.Count))
                : PartOf(0, first).Merge(PartOf(first, second)).Merge(PartOf(second, files.Count));
            return Json(merged.Summary(Today, insider: false)) == whole;
        }, count: 12);
    }

    [Fact]
    public void A_part_written_and_read_back_merges_the_same_and_holds_no_example_value()
    {
        var first = Part(_corpus.Files.Take(3));
        var second = Part(_corpus.Files.Skip(3));
        using var buffer = new MemoryStream();
        first.Write(buffer);
        var bytes = buffer.ToArray();
        buffer.Position = 0;
        var read = ScanPart.Read(buffer);

        Assert.Equal(Json(first.Merge(second).Summary(Today, false)), Json(read.Merge(second).Summary(Today, false)));
        Assert.Empty(read.Examples);
        Assert.NotEmpty(first.Examples);
        foreach (var value in first.Examples.Values.SelectMany(v => v))
        {
            Assert.False(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0, $"an example value ({value.Length} characters) is in the written part");
        }

        foreach (var mobile in first.Examples.GetValueOrDefault("mobile") ?? [])
        {
            // The scan's own 64-bit key of a mobile is its 11 digits: it must not be written either.
            var key = BitConverter.GetBytes((1L << 60) | long.Parse(mobile, System.Globalization.CultureInfo.InvariantCulture));
            Assert.False(bytes.AsSpan().IndexOf(key) >= 0, "a mobile's scan key is in the written part");
        }
    }

    [Fact]
    public void Parts_made_with_another_key_do_not_link()
    {
        var file = _corpus.Files[0];
        var mine = Part([file]);
        var theirs = ScanPart.Scan(new ScanOptions { Paths = [file], Today = Today }, RandomNumberGenerator.GetBytes(32));
        // The same file twice links its keyed persons to themselves (its keyless ones count twice, as a scan of the
        // file given twice counts them); under another key nothing links.
        var twice = Scanner.Scan(new ScanOptions { Paths = [file, file], Today = Today }).Persons;
        Assert.True(twice < 2 * mine.Persons);
        Assert.Equal(twice, mine.Merge(mine).Persons);
        Assert.Equal(2 * mine.Persons, mine.Merge(theirs).Persons);
    }

    [Fact]
    public void A_cut_or_foreign_part_is_refused_with_a_reason()
    {
        using var buffer = new MemoryStream();
        Part(_corpus.Files.Take(1)).Write(buffer);
        var bytes = buffer.ToArray();
        var cut = Assert.Throws<InvalidDataException>(() => ScanPart.Read(new MemoryStream(bytes[..(bytes.Length / 2)])));
        Assert.Contains("cut short", cut.Message, StringComparison.Ordinal);
        var foreign = Assert.Throws<InvalidDataException>(() => ScanPart.Read(new MemoryStream(Encoding.UTF8.GetBytes("\u0007TMPART9rest"))));
        Assert.Contains("not a scan part", foreign.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ScanPart.Scan(new ScanOptions { Paths = [_corpus.Files[0]] }, new byte[16]));
    }

    [Theory]
    [InlineData("csv", "xyz", "table format")]
    [InlineData("gb18030", "gb99999", "encoding")]
    public void A_part_naming_a_format_or_encoding_the_scanner_never_writes_is_refused(string name, string other, string what)
    {
        // The courier export is a GBK CSV: its part names "csv" and "gb18030" (each written as a length byte and the
        // name). Another name of the same length leaves the part well formed, so only the name check can refuse it.
        using var buffer = new MemoryStream();
        Part(_corpus.Files.Where(f => f.EndsWith("courier-waybills.csv", StringComparison.Ordinal))).Write(buffer);
        var bytes = buffer.ToArray();
        byte[] written = [(byte)name.Length, .. Encoding.ASCII.GetBytes(name)];
        var at = bytes.AsSpan().IndexOf(written);
        Assert.True(at >= 0, $"the part holds \"{name}\"");
        Assert.NotNull(ScanPart.Read(new MemoryStream(bytes)));
        Encoding.ASCII.GetBytes(other).CopyTo(bytes, at + 1);
        var refused = Assert.Throws<InvalidDataException>(() => ScanPart.Read(new MemoryStream(bytes)));
        Assert.Contains($"a {what} the scanner does not write (\"{other}\")", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_format_and_encoding_name_the_scanner_writes_is_one_the_contracts_print()
    {
        // scan --json reads the summary's names into Tracemark.Reports' closed sets, which throw on a name they lack.
        foreach (var format in Enum.GetValues<Tracemark.Scanning.Reading.TableFormat>())
        {
            _ = ReportValues.TableFormat(Tracemark.Scanning.Analysis.Aggregator.FormatName(format));
        }

        foreach (var label in Tracemark.Scanning.Input.Sniffer.Labels)
        {
            _ = ReportValues.Encoding(label);
        }

        var whole = Scanner.Scan(new ScanOptions { Paths = [.. _corpus.Files], Today = Today });
        Assert.Equal(whole.Encodings.Count, ReportValues.Encodings(whole.Encodings).Count);
    }
}
