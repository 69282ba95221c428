using System.Text;
using Tracemark.Synthetic;
using Tracemark.Tests;

namespace Tracemark.Scanning.Tests.Input;

/// <summary>The same leak in every encoding gives the same findings: matching happens on decoded text.</summary>
public sealed class EncodingScanTests
{
    // GBK trail bytes overlap ASCII letters and GB18030 four-byte sequences contain ASCII digit bytes: matching
    // raw bytes would find phantom identifiers; decoded text does not.
    private const string Leak = "姓名,手机号,身份证号\n张三,13800138000,11010519491231002X\n欧阳娜娜,13912345678,440524188001010014\n㐀㐁,15012345678,\n";

    public static TheoryData<string> Encodings => new() { "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "utf-16le-nobom", "gbk", "gb18030" };

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Findings_do_not_depend_on_the_encoding(string encoding)
    {
        var text = encoding == "gbk" ? Leak.Replace("㐀㐁", "王五", StringComparison.Ordinal) : Leak;
        var bytes = encoding switch
        {
            "utf-8-bom" => Scans.Bytes(new UTF8Encoding(true), text, bom: true),
            "utf-16le" => Scans.Bytes(new UnicodeEncoding(false, true), text, bom: true),
            "utf-16be" => Scans.Bytes(new UnicodeEncoding(true, true), text, bom: true),
            "utf-16le-nobom" => Scans.Bytes(new UnicodeEncoding(false, false), text),
            "gbk" => Scans.Bytes(Scans.Gbk, text),
            "gb18030" => Scans.Bytes(Encoding.GetEncoding(54936), text),
            _ => Scans.Utf8(text),
        };
        var r = Scans.Files(("leak.csv", bytes));
        Assert.True(r.Summary.Complete, string.Join("; ", r.Summary.Errors.Select(e => e.Message)));
        Assert.Equal(["13800138000", "13912345678", "15012345678"], r.Values("mobile").Order(StringComparer.Ordinal));
        Assert.Equal(["11010519491231002X", "440524188001010014"], r.Values("cn_id").Order(StringComparer.Ordinal));
        Assert.Contains("欧阳娜娜", r.Values("name"));
        Assert.Equal(3, r.Summary.Persons);
    }

    [Fact]
    public void Gb18030_bytes_that_contain_ascii_digits_make_no_phantom_findings()
    {
        // U+3400 and friends encode as four bytes in GB18030, two of them ASCII digits (0x30–0x39).
        var text = string.Concat(Enumerable.Repeat("㐀㐁㐂㐃㐄㐅", 40));
        var bytes = Encoding.GetEncoding(54936).GetBytes(text);
        Assert.Contains(bytes, b => b is >= 0x30 and <= 0x39);
        var r = Scans.Files(("noise.txt", bytes));
        Assert.Empty(r.Findings);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Synthetic_leaks_give_the_same_counts_in_gb18030_and_utf_8(int seed)
    {
        // The courier, dump, chat and app shapes as written (GB18030 or UTF-8), then each file re-encoded in the other
        // encoding with four-byte GB18030 characters (whose second and fourth bytes are ASCII digits) spliced into
        // every line's end: any path that matched identifiers on raw bytes would see phantom digits there.
        using var dir = new TempDir("enc");
        LeakCorpus.Generate(new SynthOptions(dir.Path, seed, 900, 400, 0.12, ["courier", "dump", "chat", "app"], WriteTruth: false));
        var leaks = Path.Combine(dir.Path, LeakCorpus.LeaksFolder);
        var gb18030 = Encoding.GetEncoding(54936);
        var files = new List<(string Name, byte[] Utf8, byte[] Gb)>();
        foreach (var path in Directory.GetFiles(leaks))
        {
            var raw = File.ReadAllBytes(path);
            var text = Path.GetFileName(path).StartsWith("courier", StringComparison.Ordinal) || Path.GetFileName(path).StartsWith("materials", StringComparison.Ordinal)
                ? gb18030.GetString(raw) : Encoding.UTF8.GetString(raw);
            // In free text only (chat lines end in a message); JSON and CSV keep their shape.
            if (Path.GetExtension(path) == ".txt")
            {
                text = text.Replace("\n", " 㐀𠀀㐁9\n", StringComparison.Ordinal);
            }

            files.Add((Path.GetFileName(path), Encoding.UTF8.GetBytes(text), gb18030.GetBytes(text)));
        }

        var utf8 = Scans.Files([.. files.Select(f => (f.Name, f.Utf8))]);
        var gb = Scans.Files([.. files.Select(f => (f.Name, f.Gb))]);
        Assert.Contains(gb18030.GetBytes("㐀𠀀"), b => b is >= 0x30 and <= 0x39);
        Assert.NotEmpty(utf8.Findings);
        Assert.Equal(utf8.Summary.Kinds, gb.Summary.Kinds);
        Assert.Equal(utf8.Summary.Occurrences, gb.Summary.Occurrences);
        Assert.Equal(utf8.Summary.Persons, gb.Summary.Persons);
        Assert.Equal(utf8.Findings.Select(f => (f.Key.Kind, f.Key.Value)).Order(), gb.Findings.Select(f => (f.Key.Kind, f.Key.Value)).Order());
    }

    [Fact]
    public void A_misdetected_encoding_can_be_forced()
    {
        // Short GBK text can happen to be valid UTF-8; --encoding settles it.
        var bytes = Scans.Bytes(Scans.Gbk, "客户张三 手机13800138000\n");
        var r = Scans.Files(new ScanOptions { Encoding = "gbk" }, ("x.txt", bytes));
        Assert.Contains("张三", r.Values("name"));
        Assert.Equal("gb18030", Assert.Single(r.Summary.Tables).Encoding);
    }

    [Fact]
    public void Invalid_byte_sequences_are_reported_with_the_record_and_the_rest_is_read()
    {
        var bytes = Scans.Utf8("姓名,手机\n张三,13800138000\n")
            .Concat(new byte[] { 0xE5, 0xBC, 0x20, 0xFF, 0x2C, 0x0A })
            .Concat(Scans.Utf8("李四,13912345678\n")).ToArray();
        var r = Scans.Files(new ScanOptions { Encoding = "utf-8" }, ("bad.csv", bytes));
        var error = Assert.Single(r.Summary.Errors);
        Assert.Contains("invalid byte sequence", error.Message, StringComparison.Ordinal);
        Assert.Equal("bad.csv", error.Source);
        Assert.NotNull(error.Record);
        Assert.Equal(2, r.Of("mobile").Count());
    }

    [Fact]
    public void Invalid_gbk_bytes_are_reported_with_the_record_and_the_rest_is_read()
    {
        // 0x81 0x20 is a lead byte with no valid trail and 0x80/0xFF are never valid in GB18030; the code-page
        // decoder's default fallback would have turned them into '?' and the record would have passed as clean.
        var bytes = Scans.Bytes(Scans.Gbk, "姓名,手机\n张三,13800138000\n")
            .Concat(new byte[] { 0xD5, 0xC5, 0x81, 0x20, 0x80, 0xFF, 0x2C, 0x0A })
            .Concat(Scans.Bytes(Scans.Gbk, "李四,13912345678\n")).ToArray();
        var r = Scans.Files(new ScanOptions { Encoding = "gbk" }, ("bad-gbk.csv", bytes));
        var error = Assert.Single(r.Summary.Errors);
        Assert.Contains("invalid byte sequence", error.Message, StringComparison.Ordinal);
        Assert.Contains("gb18030", error.Message, StringComparison.Ordinal);
        Assert.Equal("bad-gbk.csv", error.Source);
        Assert.NotNull(error.Record);
        Assert.Equal(2, r.Of("mobile").Count());
    }
}
