using System.Diagnostics;
using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>Silent mistakes made loud (issue 17): interrupted scans, overwritten canaries, empty ingests, unknown
/// public names, stale synth files, and scan as a gate in a pipeline.</summary>
public sealed class MistakeTests(SynthCorpus corpus) : IClassFixture<SynthCorpus>
{
    [Fact]
    public void Ctrl_c_during_a_scan_closes_the_findings_whole_says_what_was_written_and_exits_130()
    {
        using var dir = new TempDir("cli-interrupt");
        Assert.Equal(0, Cli.Run("synth", "--out", dir.File("big"), "--shapes", "dump", "--records", "400000", "--no-truth", "--seed", "3").Exit);
        var findings = dir.File("findings.jsonl");
        using var scan = Child.Start(["scan", dir.File("big/leaks"), "--findings", findings]);
        while (!scan.HasExited && (!File.Exists(findings) || new FileInfo(findings).Length < 100_000))
        {
            Thread.Sleep(20);
        }

        Assert.False(scan.HasExited, "the scan ended before it could be interrupted: the input is too small");
        using (var kill = Process.Start("kill", ["-INT", scan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            kill.WaitForExit();
        }

        var error = scan.StandardError.ReadToEnd();
        var output = scan.StandardOutput.ReadToEnd();
        scan.WaitForExit();
        Assert.Equal(130, scan.ExitCode);
        Assert.Equal(string.Empty, output);
        var line = Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Matches(@"^tracemark scan: interrupted after [\d,]+ records; .*findings\.jsonl holds their [\d,]+ findings, each line whole", line);
        var lines = File.ReadAllLines(findings);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
        Assert.Contains($"their {lines.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} findings", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Fail_on_found_makes_scan_a_gate_exit_1_when_found_0_when_not()
    {
        var leaks = corpus.Leaks;
        var any = Cli.Run("scan", leaks, "--fail-on-found");
        Assert.Equal(1, any.Exit);
        Assert.Contains("personal data found", any.Error, StringComparison.Ordinal);

        var kinds = Cli.Run("scan", "--fail-on-found", "cn_id,bank_card", leaks, "--json");
        Assert.Equal(1, kinds.Exit);
        Assert.Contains("(bank_card, cn_id)", kinds.Error, StringComparison.Ordinal);
        JsonDocument.Parse(kinds.Out).Dispose();

        // The courier file holds mobiles and names but no passport numbers.
        var courier = Path.Combine(leaks, "courier-waybills.csv");
        Assert.Equal(0, Cli.Run("scan", courier, "--fail-on-found", "cn_passport").Exit);
        Assert.Equal(1, Cli.Run("scan", courier, "--fail-on-found", "mobile").Exit);

        var typo = Cli.Run("scan", courier, "--fail-on-found=mobil");
        Assert.Equal(2, typo.Exit);
        Assert.Contains("did you mean 'mobile'?", typo.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Canary_issue_will_not_overwrite_earlier_canaries_without_force()
    {
        using var dir = new TempDir("cli-canary");
        var owner = dir.File("owner");
        Assert.Equal(0, Cli.Run("synth", "owner", "--out", owner, "--customers", "2000", "--outlets", "2", "--employees-per-outlet", "4", "--samples-per-kind", "1", "--sample-size", "10").Exit);
        var store = dir.File("s.db");
        Assert.Equal(0, Cli.Run("owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--store", store).Exit);
        var channel = File.ReadLines(Path.Combine(owner, "channels.csv")).Skip(1).First().Split(',')[0];
        var out1 = dir.File("canaries.csv");
        Assert.Equal(0, Cli.Run("canary", "issue", "--channel", channel, "--count", "3", "--out", out1, "--store", store).Exit);
        var first = File.ReadAllText(out1);

        var again = Cli.Run("canary", "issue", "--channel", channel, "--count", "3", "--out", out1, "--store", store);
        Assert.Equal(2, again.Exit);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
        Assert.Equal(first, File.ReadAllText(out1));

        Assert.Equal(0, Cli.Run("canary", "issue", "--channel", channel, "-n", "2", "-o", out1, "--force", "--store", store).Exit);
        Assert.Equal(3, File.ReadAllLines(out1).Length);
    }

    [Fact]
    public void Ingesting_nothing_exits_1_and_adds_no_dataset()
    {
        using var dir = new TempDir("cli-empty");
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(dir.File("empty.csv"), string.Empty);
        File.WriteAllText(dir.File("header.csv"), "姓名,手机\n");
        var store = dir.File("s.db");
        foreach (var file in new[] { "empty.csv", "header.csv" })
        {
            var r = Cli.Run("ingest", dir.File(file), "--name", file, "--category", "loan", "--seen", "2026-01-01", "--store", store);
            Assert.Equal(1, r.Exit);
            Assert.Contains("nothing to store", r.Error, StringComparison.Ordinal);
        }

        var list = Cli.Run("datasets", "--store", store, "--json");
        Assert.Equal("[]", list.Out.Trim());
    }

    [Fact]
    public void Publish_refuses_a_public_name_that_is_no_dataset_before_any_work()
    {
        using var dir = new TempDir("cli-public");
        var store = dir.File("s.db");
        var courier = Path.Combine(corpus.Leaks, "courier-waybills.csv");
        Assert.Equal(0, Cli.Run("ingest", courier, "--name", "courier-1", "--category", "courier", "--seen", "2026-01-01", "--store", store).Exit);
        var r = Cli.Run("publish", courier, "--out", dir.File("index"), "--public", "courier-l", "--store", store, "--exposure-key", dir.File("k"));
        Assert.Equal(2, r.Exit);
        Assert.Contains("--public courier-l: there is no dataset of that name", r.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'courier-1'?", r.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("index")));
    }

    [Fact]
    public void Synth_into_an_earlier_run_leaves_only_the_new_runs_files()
    {
        using var dir = new TempDir("cli-stale");
        Assert.Equal(0, Cli.Run("synth", "--out", dir.Path, "--records", "20").Exit);
        File.WriteAllText(dir.File("notes.txt"), "mine");
        Assert.Equal(0, Cli.Run("synth", "--out", dir.Path, "--records", "20", "--shapes", "courier,hotel").Exit);
        using var manifest = JsonDocument.Parse(File.ReadAllText(dir.File("manifest.json")));
        var listed = manifest.RootElement.GetProperty("datasets").EnumerateArray().Select(d => d.GetProperty("file").GetString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, listed.Count);
        Assert.Equal(listed, Directory.GetFiles(dir.File("leaks")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(2, Directory.GetFiles(dir.File("truth")).Length);
        Assert.Equal("mine", File.ReadAllText(dir.File("notes.txt")));
    }

    [Fact]
    public void Internal_errors_are_one_line_without_a_stack_trace()
    {
        var (message, exit) = CliApp.Describe(new InvalidOperationException("boom"));
        Assert.Equal(3, exit);
        Assert.DoesNotContain('\n', message);
        Assert.Contains("please report it", message, StringComparison.Ordinal);
        var (notFound, status) = CliApp.Describe(new DirectoryNotFoundException("Could not find a part of the path '/x/y/z.csv'."));
        Assert.Equal("no such folder: /x/y/z.csv", notFound);
        Assert.Equal(1, status);
    }
}
