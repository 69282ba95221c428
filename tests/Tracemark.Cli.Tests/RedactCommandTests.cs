using System.Text;
using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>`tracemark redact` end to end on `tracemark synth` output, and its usage errors.</summary>
public sealed class RedactCommandTests(SynthCorpus corpus) : IClassFixture<SynthCorpus>
{
    static RedactCommandTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Redacted_copies_of_synth_files_scan_clean(bool pseudonymize)
    {
        using var temp = new TempDir("cli-redact");
        var outDir = temp.File("out");
        Directory.CreateDirectory(outDir);
        var key = temp.File("team.key");
        File.WriteAllBytes(key, [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))]);
        foreach (var file in Directory.GetFiles(corpus.Leaks))
        {
            var target = Path.Combine(outDir, Path.GetFileName(file));
            string[] args = pseudonymize ? ["redact", file, target, "--pseudonymize", "--key", key] : ["redact", file, target];
            var r = Cli.Run(args);
            Assert.Equal(0, r.Exit);
            Assert.Empty(r.Out);
            Assert.Contains("redacted", r.Error, StringComparison.Ordinal);
            Assert.Equal(new FileInfo(file).Length > 0, new FileInfo(target).Length > 0);
        }

        var scan = Cli.Run("scan", outDir, "--json");
        Assert.Equal(0, scan.Exit);
        using var summary = JsonDocument.Parse(scan.Out);
        var clear = summary.RootElement.GetProperty("occurrences").EnumerateObject()
            .Where(p => !p.Name.EndsWith("_masked", StringComparison.Ordinal) && p.Name != "uscc").Select(p => p.Name).ToList();
        Assert.Empty(clear);

        // The workbook keeps its sheets.
        var book = Directory.GetFiles(outDir, "*.xlsx").Single();
        Assert.True(new FileInfo(book).Length > 0);

        // The courier file is GBK: the copy is too, header untouched.
        var courier = Directory.GetFiles(outDir, "courier*").Single();
        Assert.StartsWith("运单号", Encoding.GetEncoding(54936).GetString(File.ReadAllBytes(courier)), StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_errors_exit_2_and_write_nothing()
    {
        using var temp = new TempDir("cli-redact-usage");
        Directory.CreateDirectory(temp.Path);
        var input = temp.File("in.txt");
        File.WriteAllText(input, "手机13912345678\n");
        var existing = temp.File("exists.txt");
        File.WriteAllText(existing, "keep");
        var shortKey = temp.File("short.key");
        File.WriteAllBytes(shortKey, [1, 2, 3]);

        Assert.Equal(2, Cli.Run("redact", input, temp.File("a.txt"), "--pseudonymize").Exit);
        Assert.Equal(2, Cli.Run("redact", input, temp.File("b.txt"), "--pseudonymize", "--key", shortKey).Exit);
        Assert.Equal(2, Cli.Run("redact", input, input).Exit);
        var r = Cli.Run("redact", input, existing);
        Assert.Equal(2, r.Exit);
        Assert.Contains("--force", r.Error, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(existing));
        Assert.False(File.Exists(temp.File("a.txt")) || File.Exists(temp.File("b.txt")));

        Assert.Equal(0, Cli.Run("redact", input, existing, "--force").Exit);
        Assert.Equal("手机139****5678\n", File.ReadAllText(existing));
    }

    [Fact]
    public void Bad_input_exits_1_with_the_file_named_and_a_missing_one_is_a_usage_error()
    {
        using var temp = new TempDir("cli-redact-bad");
        Directory.CreateDirectory(temp.Path);
        var missing = Cli.Run("redact", temp.File("nosuch.csv"), temp.File("o.csv"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("nosuch.csv", missing.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("o.csv")));

        var binary = temp.File("photo.jpg");
        File.WriteAllBytes(binary, [0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0]);
        var r = Cli.Run("redact", binary, temp.File("o.jpg"));
        Assert.Equal(1, r.Exit);
        Assert.Contains("photo.jpg", r.Error, StringComparison.Ordinal);
        Assert.Contains("JPEG", r.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("o.jpg")));

        // A workbook cut short (its zip directory lost): one problem line naming it, no copy.
        var workbook = Directory.GetFiles(corpus.Leaks, "*.xlsx").First();
        var cut = temp.File("cut.xlsx");
        File.WriteAllBytes(cut, File.ReadAllBytes(workbook)[..1000]);
        var damaged = Cli.Run("redact", cut, temp.File("o.xlsx"));
        Assert.Equal(1, damaged.Exit);
        Assert.Equal(string.Empty, damaged.Out);
        Assert.Contains("problem: cut.xlsx: not a readable XLSX workbook", damaged.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("o.xlsx")));
        Assert.False(File.Exists(temp.File("o.xlsx.partial")));
    }
}
