using System.Text;
using FsCheck.Fluent;
using Tracemark.Identifiers;
using Tracemark.Scanning.Redaction;
using Tracemark.Synthetic;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Redaction;

/// <summary>`tracemark redact`'s engine: a copy with identifiers replaced, every other byte kept.</summary>
public sealed class RedactorTests
{
    static RedactorTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private static (byte[] Output, RedactResult Result) Redact(byte[] input, RedactOptions? options = null, string name = "in.txt")
    {
        using var dir = new TempDir("redact");
        Directory.CreateDirectory(dir.Path);
        var path = dir.File(name);
        File.WriteAllBytes(path, input);
        using var output = new MemoryStream();
        var result = Redactor.Redact(path, output, options ?? new RedactOptions());
        return (output.ToArray(), result);
    }

    private static ScanSummary ScanBytes(string name, byte[] bytes) => Scans.Files((name, bytes)).Summary;

    // Full (not masked) identifiers a scan reports.
    private static Dictionary<string, long> Clear(ScanSummary s) => s.Occurrences.Where(p => !p.Key.EndsWith("_masked", StringComparison.Ordinal)).ToDictionary();

    [Theory]
    [InlineData(RedactionMode.Mask)]
    [InlineData(RedactionMode.Pseudonymize)]
    public void After_redaction_a_scan_of_synth_files_finds_no_clear_identifier(RedactionMode mode)
    {
        using var dir = new TempDir("redact-synth");
        LeakCorpus.Generate(new SynthOptions(dir.Path, 7, 400, 300, 0.2));
        var leaks = Path.Combine(dir.Path, LeakCorpus.LeaksFolder);
        var outDir = Path.Combine(dir.Path, "out");
        Directory.CreateDirectory(outDir);
        var checkedFiles = 0;
        foreach (var file in Directory.GetFiles(leaks))
        {
            var before = Clear(Scanner.Scan(new ScanOptions { Paths = [file] }));
            using (var output = File.Create(Path.Combine(outDir, Path.GetFileName(file))))
            {
                var result = Redactor.Redact(file, output, new RedactOptions { Mode = mode, Key = mode == RedactionMode.Pseudonymize ? Key : null });
                Assert.Empty(result.Errors);
                if (before.Count > 0)
                {
                    Assert.NotEmpty(result.Replaced);
                }
            }

            var after = Scanner.Scan(new ScanOptions { Paths = [Path.Combine(outDir, Path.GetFileName(file))] });
            Assert.Empty(after.Errors);
            Assert.Equal(new Dictionary<string, long>(), Clear(after).Where(p => p.Key != "uscc").ToDictionary());
            checkedFiles++;
        }

        Assert.True(checkedFiles >= 5);
    }

    [Fact]
    public void Keeps_encoding_delimiters_quotes_and_line_ends_and_replaces_only_values()
    {
        var text = "姓名,手机号,备注\r\n张三,13912345678,\"说 \"\"你好\"\" 电话 13812345678\"\r\n李四,138****8000,无\r\n";
        var (output, result) = Redact(Scans.Gbk.GetBytes(text), name: "a.csv");
        Assert.Equal("gb18030", result.Encoding);
        Assert.Equal("姓名,手机号,备注\r\n张*,139****5678,\"说 \"\"你好\"\" 电话 138****5678\"\r\n李*,138****8000,无\r\n", Scans.Gbk.GetString(output));
        Assert.Equal(2, result.Replaced["mobile"]);
    }

    [Fact]
    public void A_byte_order_mark_and_utf16_are_kept()
    {
        var input = Scans.Bytes(Encoding.Unicode, "客户王五 手机13912345678\n", bom: true);
        var (output, _) = Redact(input);
        Assert.Equal(Scans.Bytes(Encoding.Unicode, "客户王* 手机139****5678\n", bom: true), output);
    }

    [Fact]
    public void Json_lines_keep_their_shape_and_numbers_that_become_masks_become_strings()
    {
        var input = "{\"name\":\"张三\",\"phone\":13912345678,\"note\":\"\\u624b\\u673a13812345678\",\"n\":1}\n{\"name\":\"李四\"}\n";
        var (output, result) = Redact(Scans.Utf8(input), name: "a.jsonl");
        Assert.Equal("jsonl", result.Format);
        Assert.Equal("{\"name\":\"张*\",\"phone\":\"139****5678\",\"note\":\"手机138****5678\",\"n\":1}\n{\"name\":\"李*\"}\n", Encoding.UTF8.GetString(output));
    }

    [Fact]
    public void Redaction_never_changes_bytes_outside_identifiers() => Properties.Hold(
        Gen.Elements("utf-8", "gbk", "utf-16le").SelectMany(e => Gen.ListOf(Gen.Elements(Fillers), 8).Select(f => (Encoding: e, Fillers: f.ToArray()))),
        c =>
        {
            // F0 V F1 V F2 …: fillers hold no identifier; between them a mobile or an ID.
            var encoding = c.Encoding == "utf-16le" ? Encoding.Unicode : c.Encoding == "gbk" ? Scans.Gbk : Encoding.UTF8;
            var parts = new List<byte[]>();
            var values = new List<byte[]>();
            for (var i = 0; i < c.Fillers.Length; i++)
            {
                parts.Add(Filler(encoding, c.Fillers[i]));
                if (i < c.Fillers.Length - 1)
                {
                    values.Add(encoding.GetBytes(i % 2 == 0 ? "13912345678" : "11010519491231002X"));
                }
            }

            var input = parts.Zip(values.Append([]), (f, v) => f.Concat(v)).SelectMany(x => x).ToArray();
            var (output, _) = Redact(input, new RedactOptions { Encoding = c.Encoding });
            var at = 0;
            for (var i = 0; i < parts.Count; i++)
            {
                var found = output.AsSpan(at).IndexOf(parts[i]);
                Assert.True(i == 0 ? found == 0 : found > 0, $"filler {i} not kept in place");
                at += found + parts[i].Length;
            }

            Assert.Equal(output.Length, at);

            // What scan finds in the original, it does not find in the copy.
            Assert.Empty(Clear(ScanBytes("out.txt", output)));
        },
        count: 80);

    // Text without identifiers; "\xFF" stands for a byte that does not decode (kept as it is). No dashes or spaces
    // glued to a value: in a column, a cell the validator reads as one value (---13912345678) is replaced whole.
    private static readonly string[] Fillers = ["，", "你好", "\n", "\r\n", "今天天气", "；", " abc,", "\xFF", "😀", "\t", "|"];

    private static byte[] Filler(Encoding encoding, string filler) =>
        filler == "\xFF" ? encoding == Encoding.Unicode ? [0x00, 0xD8, 0x20, 0x00] : [0xFF] : encoding.GetBytes(filler);

    [Fact]
    public void Pseudonyms_are_consistent_across_files_and_keys_differ()
    {
        var first = Encoding.UTF8.GetString(Redact(Scans.Utf8("手机13912345678\n"), new RedactOptions { Mode = RedactionMode.Pseudonymize, Key = Key }).Output);
        var second = Encoding.UTF8.GetString(Redact(Scans.Utf8("姓名,手机\n张三,13912345678\n"), new RedactOptions { Mode = RedactionMode.Pseudonymize, Key = Key }, "b.csv").Output);
        var pseudonym = first["手机".Length..].TrimEnd('\n');
        Assert.Matches("^10[0-9]{9}$", pseudonym);
        Assert.Contains("," + pseudonym + "\n", second, StringComparison.Ordinal);

        var other = Encoding.UTF8.GetString(Redact(Scans.Utf8("手机13912345678\n"), new RedactOptions { Mode = RedactionMode.Pseudonymize, Key = [.. Key.Reverse()] }).Output);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Pseudonyms_keep_the_shape_and_never_validate() => Properties.Hold(
        Gen.Choose(0, 999_999).Select(n => "139" + n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "78"),
        mobile =>
        {
            var p = new Pseudonyms(Key).For(IdentifierKind.Mobile, mobile);
            Assert.Equal(11, p.Length);
            Assert.StartsWith("10", p, StringComparison.Ordinal);
            foreach (var kind in IdentifierKinds.All.Where(k => !k.IsMasked() && k is not IdentifierKind.Qq and not IdentifierKind.Credential))
            {
                Assert.False(Identifier.Check(kind, p, new char[Identifier.MaxCanonicalLength]).IsValid, $"{p} passes as {kind}");
            }
        },
        count: 200);

    [Fact]
    public void Binary_input_is_a_problem_and_nothing_is_written()
    {
        var (output, result) = Redact([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0], name: "x.png");
        Assert.Empty(output);
        Assert.Contains("PNG", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_and_the_rest_is_still_redacted()
    {
        var text = "姓名,手机\n张三,\"13912345678\n李四,13812345678\n";
        var (output, result) = Redact(Scans.Utf8(text), name: "a.csv");
        Assert.Contains("never closes", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        var s = Encoding.UTF8.GetString(output);
        Assert.DoesNotContain("13812345678", s, StringComparison.Ordinal);
        Assert.Contains("李*,138****5678", s, StringComparison.Ordinal);
        Assert.Equal(text.Length, s.Length);
    }

    [Fact]
    public void A_broken_json_line_is_reported_and_redacted_as_text()
    {
        var (output, result) = Redact(Scans.Utf8("{\"phone\":\"13912345678\"}\n{\"phone\":\"13812345678\", broken\n{\"phone\":\"13712345678\"}\n"), name: "a.jsonl");
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Record);
        var s = Encoding.UTF8.GetString(output);
        Assert.DoesNotContain("13812345678", s, StringComparison.Ordinal);
        Assert.Contains("broken", s, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_first_line_reads_the_columns_as_scan_does()
    {
        // Scan reads a blank line as a record without fields; given one empty field instead, the redactor planned
        // the columns from another first record, and the last cell (a mobile with a comma glued on) stayed clear.
        var text = "\n13912345678|a\n13912345678|11010519491231002X\n13912345678，";
        var (output, result) = Redact(Scans.Utf8(text));
        Assert.Equal("\n139****5678|a\n139****5678|110105********002X\n139****5678，", Encoding.UTF8.GetString(output));
        Assert.Equal(3, result.Replaced["mobile"]);
        Assert.Empty(Clear(ScanBytes("out.txt", output)));
    }

    [Fact]
    public void An_empty_file_gives_an_empty_copy() => Assert.Empty(Redact([]).Output);

    [Fact]
    public void A_line_longer_than_the_window_is_redacted_in_pieces_with_bounded_memory()
    {
        var builder = new StringBuilder();
        var n = 0;
        while (builder.Length < 9 * 1024 * 1024)
        {
            builder.Append("客户说 手机13912345678 ，");
            n++;
        }

        var (output, result) = Redact(Scans.Utf8(builder.ToString()));
        Assert.Equal(n, result.Replaced["mobile"]);
        Assert.Contains("pieces", Assert.Single(result.Notes).Message, StringComparison.Ordinal);
        Assert.Equal(Scans.Utf8(builder.ToString().Replace("13912345678", "139****5678", StringComparison.Ordinal)), output);
    }
}
