using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>
/// `tracemark synth credentials` end to end (issue 22): the scanner counts exactly the planted credentials and
/// password shapes of each file and none of the decoys; a dump ingested and published with --credentials answers
/// `check --account --password` for a planted pair, and not for a wrong password nor a decoy line's fields.
/// </summary>
public sealed class CredentialDumpTests
{
    private sealed record Planted(string Source, string Written, string Account, string Password, string Shape);

    [Fact]
    public void Synth_credentials_writes_what_its_manifest_and_truth_say_and_the_same_seed_the_same_bytes()
    {
        using var dir = new TempDir("synth-credentials");
        var first = Cli.Run("synth", "credentials", "--out", dir.File("a"), "--accounts", "400", "--people", "2000", "--seed", "5", "--json");
        Assert.True(first.Exit == 0, first.Error);
        Assert.Equal(0, Cli.Run("synth", "credentials", "--out", dir.File("b"), "--accounts", "400", "--people", "2000", "--seed", "5").Exit);
        foreach (var file in Directory.GetFiles(dir.File("a"), "*", SearchOption.AllDirectories))
        {
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(file.Replace(dir.File("a"), dir.File("b"), StringComparison.Ordinal)));
        }

        using var manifest = JsonDocument.Parse(first.Out);
        var truth = File.ReadAllLines(dir.File("a/truth/credentials.truth.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var planted = truth.Where(t => t.GetProperty("status").GetString() == "credential").ToList();
        Assert.Equal(manifest.RootElement.GetProperty("credentials").GetInt64(), planted.Count);
        Assert.Equal(manifest.RootElement.GetProperty("decoys").GetInt64(), truth.Count - planted.Count);
        Assert.InRange(planted.Count, 380, 400); // a few game accounts have an empty password instead
        foreach (var shape in new[] { "plain", "md5", "sha1", "bcrypt" })
        {
            var count = planted.Count(p => p.GetProperty("shape").GetString() == shape);
            Assert.True(count > 0, shape);
            Assert.Equal(manifest.RootElement.GetProperty("shapes").GetProperty(shape).GetInt64(), count);
        }

        // QQ, mobile and e-mail accounts, in more than one written form.
        var accounts = planted.Select(p => p.GetProperty("account").GetString()!).ToList();
        Assert.Contains(accounts, a => a.Contains('@', StringComparison.Ordinal));
        Assert.Contains(planted, p => p.GetProperty("written").GetString()!.StartsWith("+86", StringComparison.Ordinal));
        Assert.Contains(accounts, a => a.StartsWith("wxid_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scan_counts_the_truth_and_a_planted_pair_is_found_by_check_but_a_wrong_password_and_a_decoy_are_not()
    {
        using var dir = new TempDir("credentials-e2e");
        var synth = Cli.Run("synth", "credentials", "--out", dir.Path, "--accounts", "600", "--people", "3000", "--seed", "11", "--json");
        Assert.True(synth.Exit == 0, synth.Error);
        using var manifest = JsonDocument.Parse(synth.Out);
        var leaks = Path.Combine(dir.Path, "leaks");

        // The scanner's counts on each file equal the truth: credentials, and credentials per password shape.
        foreach (var file in manifest.RootElement.GetProperty("files").EnumerateArray())
        {
            var name = file.GetProperty("file").GetString()!;
            var scan = Cli.Run("scan", Path.Combine(leaks, name), "--json");
            Assert.True(scan.Exit is 0 or 1, scan.Error);
            using var report = JsonDocument.Parse(scan.Out);
            var occurrences = report.RootElement.GetProperty("occurrences");
            var found = occurrences.TryGetProperty("credential", out var c) ? c.GetInt64() : 0;
            Assert.True(file.GetProperty("credentials").GetInt64() == found, $"{name}: {found} credentials found, {file.GetProperty("credentials").GetInt64()} planted");
            var shapes = report.RootElement.TryGetProperty("passwords", out var p)
                ? p.EnumerateObject().ToDictionary(s => s.Name, s => s.Value.GetInt64())
                : [];
            Assert.Equal(file.GetProperty("shapes").EnumerateObject().ToDictionary(s => s.Name, s => s.Value.GetInt64()), shapes);
        }

        var truth = File.ReadAllLines(Path.Combine(dir.Path, "truth", "credentials.truth.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var planted = truth.Where(t => t.GetProperty("status").GetString() == "credential" && t.GetProperty("source").GetString() == "qq-dump.txt")
            .Select(t => new Planted(t.GetProperty("source").GetString()!, t.GetProperty("written").GetString()!, t.GetProperty("account").GetString()!, t.GetProperty("password").GetString()!, t.GetProperty("shape").GetString()!))
            .ToList();
        var dump = Path.Combine(leaks, "qq-dump.txt");
        var lines = File.ReadAllLines(dump);
        // Decoy lines of the dump: a QQ number with an empty password, or with a mobile bound to it.
        var decoys = truth.Where(t => t.GetProperty("status").GetString() == "decoy" && t.GetProperty("source").GetString() == "qq-dump.txt")
            .Select(t => lines[t.GetProperty("record").GetInt32() - 1].Split("----"))
            .Where(f => f.Length == 2 && f[1].Length > 0)
            .ToList();
        Assert.NotEmpty(decoys);

        var store = dir.File("store.db");
        var key = dir.File("exposure.key");
        var ingest = Cli.Run("ingest", dump, "--name", "qq-dump", "--category", "social", "--seen", "2026-03-01", "--store", store);
        Assert.True(ingest.Exit == 0, ingest.Error);
        var publish = Cli.Run("publish", dump, "--credentials", "--out", dir.File("index"), "--prefix-bits", "8", "--public", "qq-dump", "--store", store, "--exposure-key", key, "--json");
        Assert.True(publish.Exit == 0, publish.Error);
        using (var result = JsonDocument.Parse(publish.Out))
        {
            Assert.Equal(planted.Count, result.RootElement.GetProperty("credentials").GetInt64());
        }

        var port = ExposureCommandTests.FreePort();
        using var server = ExposureCommandTests.Serve(dir.File("index"), key, port);
        var url = $"http://127.0.0.1:{port}";
        await ExposureCommandTests.WaitUntilUp(url);

        // A planted pair of each account form, written as the truth wrote it: found, in the dump.
        var mobile = planted.First(p => p.Account.Length == 11 && p.Account.StartsWith('1') && p.Written != p.Account);
        foreach (var pair in new[] { planted[0], planted.First(p => p.Account.Contains('@', StringComparison.Ordinal)), mobile })
        {
            var found = Cli.Run("check", "--account", pair.Written, "--password", pair.Password, "--server", url, "--json");
            Assert.True(found.Exit == 0, found.Error);
            using var answer = JsonDocument.Parse(found.Out);
            Assert.True(answer.RootElement.GetProperty("found").GetBoolean(), pair.Written);
            Assert.Equal("qq-dump", answer.RootElement.GetProperty("leaks")[0].GetProperty("dataset").GetString());
            Assert.DoesNotContain(pair.Password, found.Out + found.Error, StringComparison.Ordinal);
        }

        // The planted account with a wrong password (another account's password, or its own with one letter changed),
        // and a decoy line's two fields as if they were a pair: not found.
        var other = planted.First(p => p.Password != planted[0].Password);
        var changed = planted[0].Password[..^1] + (planted[0].Password[^1] == 'x' ? 'y' : 'x');
        foreach (var (account, password) in new[] { (planted[0].Written, other.Password), (planted[0].Written, changed), (decoys[0][0], decoys[0][1]) })
        {
            var notFound = Cli.Run("check", "--account", account, "--password", password, "--server", url, "--json");
            Assert.True(notFound.Exit == 0, notFound.Error);
            using var answer = JsonDocument.Parse(notFound.Out);
            Assert.False(answer.RootElement.GetProperty("found").GetBoolean(), account);
        }

        server.Kill(entireProcessTree: true);
    }

    [Fact]
    public void Bad_sizes_are_usage_errors()
    {
        using var dir = new TempDir("synth-credentials-bad");
        Assert.Equal(2, Cli.Run("synth", "credentials", "--out", dir.Path, "--accounts", "0").Exit);
        Assert.Equal(2, Cli.Run("synth", "credentials", "--out", dir.Path, "--accounts", "many").Exit);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "leaks")));
    }
}
