using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>One `tracemark synth` corpus shared by the scan tests (they only read it).</summary>
public sealed class SynthCorpus : IDisposable
{
    private readonly TempDir _dir = new("cli-scan");

    public SynthCorpus()
    {
        var r = Cli.Run("synth", "--out", _dir.Path, "--records", "120", "--people", "250", "--seed", "31");
        if (r.Exit != 0)
        {
            throw new InvalidOperationException("synth failed: " + r.Error);
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir.Path, "manifest.json")));
        Persons = manifest.RootElement.GetProperty("persons").GetInt64();
        Records = manifest.RootElement.GetProperty("records").GetInt64();
    }

    public string Leaks => Path.Combine(_dir.Path, "leaks");

    public string Truth => Path.Combine(_dir.Path, "truth");

    public long Persons { get; }

    public long Records { get; }

    /// <summary>Valid items of one kind the generator wrote into a file, canonical.</summary>
    public IReadOnlyList<string> ValidValues(string truthFile, string kind) =>
        [.. File.ReadLines(Path.Combine(Truth, truthFile))
            .SelectMany(line => JsonDocument.Parse(line).RootElement.GetProperty("items").EnumerateArray()
                .Where(i => i.GetProperty("status").GetString() == "valid" && i.GetProperty("kind").GetString() == kind)
                .Select(i => i.GetProperty("value").GetString()!))];

    public void Dispose() => _dir.Dispose();
}

public sealed class ScanCommandTests(SynthCorpus corpus) : IClassFixture<SynthCorpus>
{
    [Fact]
    public void Scanning_synth_output_counts_what_the_generator_wrote()
    {
        var r = Cli.Run("scan", corpus.Leaks, "--json");
        Assert.Equal(0, r.Exit);
        using var doc = JsonDocument.Parse(r.Out);
        var root = doc.RootElement;
        Assert.Equal(7, root.GetProperty("files").GetInt32());
        Assert.Equal(corpus.Records, root.GetProperty("records").GetInt64());
        Assert.Equal(corpus.Persons, root.GetProperty("persons").GetInt64());
        foreach (var kind in new[] { "cn_id", "mobile", "email", "bank_card" })
        {
            var written = Directory.GetFiles(corpus.Truth).SelectMany(f => corpus.ValidValues(Path.GetFileName(f), kind)).Distinct().Count();
            Assert.Equal(written, root.GetProperty("kinds").GetProperty(kind).GetInt64());
        }

        Assert.Empty(root.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public void Tables_are_printed_with_identifiers_masked_unless_revealed()
    {
        var masked = Cli.Run("scan", corpus.Leaks);
        Assert.Equal(0, masked.Exit);
        Assert.Contains("distinct persons", masked.Out, StringComparison.Ordinal);
        Assert.Contains("mobile number", masked.Out, StringComparison.Ordinal);
        Assert.Contains("courier-waybills.csv", masked.Out, StringComparison.Ordinal);
        Assert.Contains("add --reveal", masked.Out, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\d)1[3-9]\d{9}(?!\d)", masked.Out);

        var revealed = Cli.Run("scan", corpus.Leaks, "--reveal");
        Assert.Matches(@"(?<!\d)1[3-9]\d{9}(?!\d)", revealed.Out);
    }

    [Fact]
    public void Findings_and_summary_files_follow_the_documented_contract()
    {
        using var temp = new TempDir("cli-scan-out");
        Directory.CreateDirectory(temp.Path);
        var findings = temp.File("findings.jsonl");
        var summary = temp.File("summary.json");
        var r = Cli.Run("scan", corpus.Leaks, "--findings", findings, "--summary-json", summary);
        Assert.Equal(0, r.Exit);

        var lines = File.ReadAllLines(findings);
        Assert.NotEmpty(lines);
        var found = new HashSet<(string Source, string Kind, string Value)>();
        foreach (var line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var f = doc.RootElement;
            // Free-text findings add their span and a structured explanation; column values do not.
            string[] fields = f.TryGetProperty("explanation", out _)
                ? ["source", "record", "field", "kind", "value", "confidence", "reason", "start", "end", "explanation"]
                : ["source", "record", "field", "kind", "value", "confidence", "reason"];
            Assert.Equal(fields, f.EnumerateObject().Select(p => p.Name));
            Assert.True(f.GetProperty("record").GetInt64() >= 1);
            Assert.InRange(f.GetProperty("confidence").GetDouble(), 0.5, 1);
            found.Add((f.GetProperty("source").GetString()!, f.GetProperty("kind").GetString()!, f.GetProperty("value").GetString()!));
        }

        // Every valid ID number the generator put in the loan workbook is a finding there, canonical.
        foreach (var id in corpus.ValidValues("loan-applications.truth.jsonl", "cn_id"))
        {
            Assert.Contains(found, f => f.Source.StartsWith("loan-applications.xlsx!", StringComparison.Ordinal) && f.Kind == "cn_id" && f.Value == id);
        }

        // The decoy file holds order numbers and product codes shaped like identifiers: nothing from it is a finding.
        Assert.DoesNotContain(found, f => f.Source == "orders-decoys.csv");

        using var s = JsonDocument.Parse(File.ReadAllText(summary));
        Assert.Equal(corpus.Persons, s.RootElement.GetProperty("persons").GetInt64());
        var text = File.ReadAllText(summary);
        foreach (var id in corpus.ValidValues("loan-applications.truth.jsonl", "cn_id").Take(20))
        {
            Assert.DoesNotContain(id, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_html_report_is_self_contained_and_masked()
    {
        using var temp = new TempDir("cli-scan-out");
        Directory.CreateDirectory(temp.Path);
        var report = temp.File("report.html");
        Assert.Equal(0, Cli.Run("scan", corpus.Leaks, "--report", report).Exit);
        var html = File.ReadAllText(report);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("loan-applications.xlsx", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", html, StringComparison.OrdinalIgnoreCase);
        foreach (var id in corpus.ValidValues("loan-applications.truth.jsonl", "cn_id"))
        {
            Assert.DoesNotContain(id, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Standard_input_is_scanned_with_a_dash()
    {
        var r = Cli.RunWithInput("姓名,手机号\n张三,13800138000\n李四,13912345678\n", "scan", "-", "--json");
        Assert.Equal(0, r.Exit);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(2, doc.RootElement.GetProperty("kinds").GetProperty("mobile").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("persons").GetInt32());
    }

    [Fact]
    public void Insider_mode_halves_the_thresholds()
    {
        var normal = Thresholds(Cli.Run("scan", corpus.Leaks, "--json"));
        var insider = Thresholds(Cli.Run("scan", corpus.Leaks, "--json", "--insider"));
        Assert.Equal(50, normal);
        Assert.Equal(25, insider);

        static double Thresholds(Cli.Result r)
        {
            using var doc = JsonDocument.Parse(r.Out);
            return doc.RootElement.GetProperty("tiers").GetProperty("categories").GetProperty("credit").GetProperty("serious").GetDouble();
        }
    }

    [Fact]
    public void A_forced_encoding_is_used_for_every_text_input()
    {
        using var temp = new TempDir("cli-scan-gbk");
        Directory.CreateDirectory(temp.Path);

        // A short GBK file whose bytes are also valid (wrong) text in other encodings; forcing GBK reads it right.
        File.WriteAllBytes(temp.File("gbk.txt"), Encoding.GetEncoding("GB18030").GetBytes("姓名：王五 手机：13800138000\n"));
        var r = Cli.Run("scan", temp.Path, "--encoding", "gbk", "--json", "--findings", temp.File("f.jsonl"));
        Assert.Equal(0, r.Exit);
        using var doc = JsonDocument.Parse(r.Out);
        Assert.Equal(1, doc.RootElement.GetProperty("encodings").GetProperty("gb18030").GetInt32());
        Assert.Contains(File.ReadLines(temp.File("f.jsonl")), l => l.Contains("\"kind\":\"name\"", StringComparison.Ordinal) && l.Contains("王五", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_inputs_are_listed_by_file_and_the_rest_is_still_scanned()
    {
        using var temp = new TempDir("cli-scan-bad");
        Directory.CreateDirectory(temp.Path);
        File.Copy(Path.Combine(corpus.Leaks, "app-users.jsonl"), temp.File("app-users.jsonl"));
        var xlsx = File.ReadAllBytes(Path.Combine(corpus.Leaks, "loan-applications.xlsx"));
        File.WriteAllBytes(temp.File("cut.xlsx"), xlsx[..(xlsx.Length / 2)]);
        using (var zip = ZipFile.Open(temp.File("nested.zip"), ZipArchiveMode.Create))
        {
            var entry = zip.CreateEntry("inner.csv");
            using var w = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            w.Write("姓名,手机\n张三,13800138000\n李四,\"13912345678\n");
        }

        var r = Cli.Run("scan", temp.Path, temp.File("missing.csv"), "--json", "--findings", temp.File("findings.jsonl"));
        Assert.Equal(1, r.Exit);
        using var doc = JsonDocument.Parse(r.Out);
        var errors = doc.RootElement.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("source").GetString() == "cut.xlsx");
        Assert.Contains(errors, e => e.GetProperty("source").GetString()!.EndsWith("missing.csv", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.GetProperty("source").GetString() == "nested.zip!inner.csv" && e.GetProperty("record").GetInt64() == 2);

        // The good file and the good part of the archive member still count.
        Assert.Equal(corpus.ValidValues("app-users.truth.jsonl", "cn_id").Distinct().Count(), doc.RootElement.GetProperty("kinds").GetProperty("cn_id").GetInt32());
        Assert.Contains(File.ReadLines(temp.File("findings.jsonl")), l => l.Contains("\"source\":\"nested.zip!inner.csv\"", StringComparison.Ordinal) && l.Contains("13800138000", StringComparison.Ordinal));
    }

    [Fact]
    public void Problems_are_printed_with_file_and_record_in_plain_words()
    {
        using var temp = new TempDir("cli-scan-bad");
        Directory.CreateDirectory(temp.Path);
        File.WriteAllText(temp.File("broken.jsonl"), "{\"手机\":\"13800138000\"}\n{\"手机\": oops}\n");
        var r = Cli.Run("scan", temp.Path);
        Assert.Equal(1, r.Exit);
        Assert.Contains("1 problem(s)", r.Out, StringComparison.Ordinal);
        Assert.Contains("broken.jsonl record 2", r.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_very_long_line_is_a_note_not_a_problem()
    {
        using var temp = new TempDir("cli-scan-long");
        Directory.CreateDirectory(temp.Path);
        File.WriteAllText(temp.File("one-line.txt"), string.Concat(Enumerable.Range(0, 40_000).Select(i => $"客户手机1380013{i % 10_000:D4}，")));
        var r = Cli.Run("scan", temp.Path);
        Assert.Equal(0, r.Exit);
        Assert.Contains("note: one-line.txt record 1: line longer than", r.Out, StringComparison.Ordinal);

        var json = Cli.Run("scan", temp.Path, "--json");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Empty(doc.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Single(doc.RootElement.GetProperty("notes").EnumerateArray());
        Assert.Equal(10_000, doc.RootElement.GetProperty("kinds").GetProperty("mobile").GetInt32());
        Assert.Equal(40_000, doc.RootElement.GetProperty("occurrences").GetProperty("mobile").GetInt32());
    }

    [Theory]
    [InlineData("--min-confidence", "3", "--min-confidence takes a number from 0 to 1, not '3'")]
    [InlineData("--encoding", "latin9", "--encoding takes one of utf-8, utf-16le, utf-16be, gbk, gb18030, not 'latin9'")]
    [InlineData("--min-confidence", "high", "high")]
    public void Bad_options_are_usage_errors_with_a_plain_message(string option, string value, string message)
    {
        var r = Cli.Run("scan", corpus.Leaks, option, value);
        Assert.Equal(2, r.Exit);
        Assert.Contains(message, r.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, r.Out);
    }

    [Fact]
    public void A_scan_needs_a_path()
    {
        var r = Cli.Run("scan");
        Assert.Equal(2, r.Exit);
    }
}
