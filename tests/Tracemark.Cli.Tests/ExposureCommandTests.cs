using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>`tracemark publish`, `serve` and `check` on synth output: publish two ingested leaks, serve them from a
/// real `tracemark serve` process, and check a member, a non-member and bad input from the terminal client.</summary>
public sealed class ExposureCommandTests(SynthCorpus corpus) : IClassFixture<SynthCorpus>
{
    [Fact]
    public async Task Publish_serve_and_check_answer_for_synth_people()
    {
        using var dir = new TempDir("exposure-cli");
        var store = dir.File("store.db");
        var key = dir.File("exposure.key");
        var courier = Path.Combine(corpus.Leaks, "courier-waybills.csv");
        var loan = Path.Combine(corpus.Leaks, "loan-applications.xlsx");
        Assert.Equal(0, Cli.Run("ingest", courier, "--name", "courier-1", "--category", "courier", "--seen", "2026-01-01", "--store", store).Exit);
        Assert.Equal(0, Cli.Run("ingest", loan, "--name", "loan-1", "--category", "loan", "--seen", "2026-02-01", "--store", store).Exit);

        var unknown = Cli.Run("publish", Path.Combine(corpus.Leaks, "hotel-checkins.txt"), "--out", dir.File("index"), "--store", store, "--exposure-key", key);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("hotel-checkins.txt: not a complete dataset", unknown.Error, StringComparison.Ordinal);

        var publish = Cli.Run("publish", courier, loan, "--out", dir.File("index"), "--prefix-bits", "8", "--public", "courier-1", "--store", store, "--exposure-key", key, "--json");
        Assert.True(publish.Exit == 0, publish.Error);
        var mobiles = corpus.ValidValues("courier-waybills.truth.jsonl", "mobile").Concat(corpus.ValidValues("loan-applications.truth.jsonl", "mobile")).Distinct().ToList();
        var ids = corpus.ValidValues("courier-waybills.truth.jsonl", "cn_id").Concat(corpus.ValidValues("loan-applications.truth.jsonl", "cn_id")).Distinct().ToList();
        var emails = corpus.ValidValues("courier-waybills.truth.jsonl", "email").Concat(corpus.ValidValues("loan-applications.truth.jsonl", "email")).Distinct().ToList();
        using (var result = JsonDocument.Parse(publish.Out))
        {
            Assert.Equal(mobiles.Count + ids.Count + emails.Count, result.RootElement.GetProperty("entries").GetInt64());
            Assert.Equal(256, result.RootElement.GetProperty("buckets").GetInt32());
        }

        var port = FreePort();
        using var server = Serve(dir.File("index"), key, port);
        var url = $"http://127.0.0.1:{port}";
        await WaitUntilUp(url);

        var member = Cli.Run("check", "--mobile", mobiles[0], "--server", url, "--json");
        Assert.True(member.Exit == 0, member.Error);
        using (var answer = JsonDocument.Parse(member.Out))
        {
            Assert.True(answer.RootElement.GetProperty("found").GetBoolean());
            Assert.DoesNotContain(mobiles[0], member.Out, StringComparison.Ordinal); // masked
            Assert.NotEmpty(answer.RootElement.GetProperty("leaks").EnumerateArray());
        }

        var table = Cli.Run("check", "--id", ids[0], "--server", url);
        Assert.Equal(0, table.Exit);
        Assert.Contains("known leak(s)", table.Out, StringComparison.Ordinal);
        Assert.Contains("What to do", table.Out, StringComparison.Ordinal);

        var outsider = Cli.Run("check", "--mobile", "13912345678", "--server", url);
        Assert.Equal(0, outsider.Exit);
        Assert.Contains("not found", outsider.Out, StringComparison.Ordinal);
        var outsiderJson = Cli.Run("check", "--mobile", "13912345678", "--server", url, "--json");
        using (var answer = JsonDocument.Parse(outsiderJson.Out))
        {
            Assert.False(answer.RootElement.GetProperty("found").GetBoolean());
            Assert.Equal(JsonValueKind.Array, answer.RootElement.GetProperty("leaks").ValueKind);
            Assert.Empty(answer.RootElement.GetProperty("leaks").EnumerateArray());
            Assert.Equal(0, answer.RootElement.GetProperty("more").GetInt32());
        }

        // A second server on the same port: one line saying so, not a stack trace.
        var busy = Cli.Run("serve", "--index", dir.File("index"), "--exposure-key", key, "--urls", url);
        Assert.Equal(1, busy.Exit);
        Assert.Equal($"tracemark serve: cannot listen on {url}: the address is in use (another server running?); choose another with --urls", busy.Error.TrimEnd());

        var invalid = Cli.Run("check", "--id", "110105199001011234", "--server", url);
        Assert.Equal(2, invalid.Exit);
        Assert.Contains("not a valid resident ID number", invalid.Error, StringComparison.Ordinal);

        var none = Cli.Run("check", "--server", url);
        Assert.Equal(2, none.Exit);
        Assert.Contains("exactly one of --mobile, --id, --email", none.Error, StringComparison.Ordinal);

        var down = Cli.Run("check", "--mobile", mobiles[0], "--server", $"http://127.0.0.1:{FreePort()}");
        Assert.Equal(1, down.Exit);

        server.Kill(entireProcessTree: true);
    }

    [Fact]
    public async Task Publish_credentials_serve_and_check_a_leaked_pair_a_wrong_password_and_an_unknown_account()
    {
        using var dir = new TempDir("exposure-credentials");
        var store = dir.File("store.db");
        var key = dir.File("exposure.key");
        Directory.CreateDirectory(dir.Path);
        // A 洗号 dump of synthetic pairs: QQ numbers, mobiles (written with +86) and e-mails (upper case).
        var pairs = Enumerable.Range(0, 60).Select(i => (i % 3) switch
        {
            // Passwords free of header words (a first line "…----Qq!…" reads as a header naming a QQ column).
            0 => ($"{2_000_000_00 + (i * 7919)}", $"Zx!{i:D3}kw"),
            1 => ($"1380013{8000 + i:D4}", $"Hn#{i:D3}x"),
            _ => ($"User{i}@Example.com", $"Rt${i:D3}y"),
        }).ToList();
        var dump = dir.File("qq-dump.txt");
        File.WriteAllLines(dump, pairs.Select(p => $"{p.Item1}----{p.Item2}"));
        var courier = Path.Combine(corpus.Leaks, "courier-waybills.csv");
        Assert.Equal(0, Cli.Run("ingest", dump, "--name", "qq-2026", "--category", "social", "--seen", "2026-03-01", "--store", store).Exit);
        Assert.Equal(0, Cli.Run("ingest", courier, "--name", "courier-1", "--category", "courier", "--seen", "2026-01-01", "--store", store).Exit);

        var publish = Cli.Run("publish", dump, courier, "--credentials", "--out", dir.File("index"), "--prefix-bits", "8", "--public", "qq-2026", "--store", store, "--exposure-key", key, "--json");
        Assert.True(publish.Exit == 0, publish.Error);
        using (var result = JsonDocument.Parse(publish.Out))
        {
            Assert.Equal(pairs.Count, result.RootElement.GetProperty("credentials").GetInt64());
        }

        Assert.Equal(256, Directory.GetFiles(dir.File("index/credentials")).Length);
        // Nothing published holds a password or an account in clear.
        foreach (var file in Directory.GetFiles(dir.File("index"), "*", SearchOption.AllDirectories))
        {
            var text = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file));
            Assert.DoesNotContain(pairs[0].Item2, text, StringComparison.Ordinal);
            Assert.DoesNotContain(pairs[0].Item1, text, StringComparison.Ordinal);
        }

        var port = FreePort();
        using var server = Serve(dir.File("index"), key, port);
        var url = $"http://127.0.0.1:{port}";
        await WaitUntilUp(url);

        // The leaked pair, written as its owner might: mobile without +86 and with dashes, e-mail in lower case.
        foreach (var (account, password) in new[] { pairs[0], ("+86 138-0013-8001", pairs[1].Item2), ("user2@example.com", pairs[2].Item2) })
        {
            var found = Cli.Run("check", "--account", account, "--password", password, "--server", url, "--json");
            Assert.True(found.Exit == 0, found.Error);
            using var answer = JsonDocument.Parse(found.Out);
            Assert.True(answer.RootElement.GetProperty("found").GetBoolean(), account);
            Assert.Equal("credential", answer.RootElement.GetProperty("kind").GetString());
            Assert.Equal("qq-2026", answer.RootElement.GetProperty("leaks")[0].GetProperty("dataset").GetString());
            Assert.DoesNotContain(password, found.Out + found.Error, StringComparison.Ordinal);
        }

        var table = Cli.Run("check", "--account", pairs[0].Item1, "--password", pairs[0].Item2, "--server", url);
        Assert.Equal(0, table.Exit);
        Assert.Contains("known credential dump", table.Out, StringComparison.Ordinal);
        Assert.Contains("change this password", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(pairs[0].Item1, table.Out, StringComparison.Ordinal); // the account masked
        Assert.DoesNotContain(pairs[0].Item2, table.Out + table.Error, StringComparison.Ordinal);

        // The same account with a wrong password (the first pair's password under the second account, too), and an
        // account in no dump: not found.
        foreach (var (account, password) in new[] { (pairs[0].Item1, "Zx!000kW"), (pairs[1].Item1, pairs[0].Item2), ("987654321", "Unknown!23") })
        {
            var notFound = Cli.Run("check", "--account", account, "--password", password, "--server", url, "--json");
            Assert.True(notFound.Exit == 0, notFound.Error);
            using var answer = JsonDocument.Parse(notFound.Out);
            Assert.False(answer.RootElement.GetProperty("found").GetBoolean(), account);
            Assert.DoesNotContain(password, notFound.Out + notFound.Error, StringComparison.Ordinal);
        }

        // From standard input: the password stays out of the command line.
        var piped = Cli.RunWithInput(pairs[3].Item2 + "\n", "check", "--account", pairs[3].Item1, "--password", "-", "--server", url, "--json");
        Assert.True(piped.Exit == 0, piped.Error);
        Assert.Contains("\"found\":true", piped.Out.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        // Bad input: usage errors that never echo the password.
        var badPassword = Cli.Run("check", "--account", pairs[0].Item1, "--password", "a b", "--server", url);
        Assert.Equal(2, badPassword.Exit);
        Assert.Contains("--password: a password is", badPassword.Error, StringComparison.Ordinal);
        Assert.Equal(2, Cli.Run("check", "--account", pairs[0].Item1, "--server", url).Exit);
        Assert.Equal(2, Cli.Run("check", "--account", "x", "--password", "Secret!1", "--server", url).Exit);

        server.Kill(entireProcessTree: true);
    }

    [Fact]
    public async Task Checking_a_credential_against_an_index_without_credentials_says_so()
    {
        using var dir = new TempDir("exposure-no-credentials");
        var store = dir.File("store.db");
        var key = dir.File("exposure.key");
        var courier = Path.Combine(corpus.Leaks, "courier-waybills.csv");
        Assert.Equal(0, Cli.Run("ingest", courier, "--name", "courier-1", "--category", "courier", "--seen", "2026-01-01", "--store", store).Exit);
        Assert.Equal(0, Cli.Run("publish", courier, "--out", dir.File("index"), "--prefix-bits", "8", "--store", store, "--exposure-key", key).Exit);
        var port = FreePort();
        using var server = Serve(dir.File("index"), key, port);
        await WaitUntilUp($"http://127.0.0.1:{port}");

        var check = Cli.Run("check", "--account", "123456789", "--password", "Secret!1", "--server", $"http://127.0.0.1:{port}");
        Assert.Equal(1, check.Exit);
        Assert.Contains("publishes no credentials", check.Error, StringComparison.Ordinal);
        server.Kill(entireProcessTree: true);
    }

    [Fact]
    public void Serve_refuses_a_folder_that_is_not_an_index()
    {
        using var dir = new TempDir("exposure-serve");
        var missing = Cli.Run("serve", "--index", dir.File("nothing"), "--exposure-key", dir.File("k"));
        Assert.Equal(2, missing.Exit);
        Assert.Equal($"tracemark serve: --index {dir.File("nothing")}: no such folder", missing.Error.TrimEnd());

        Directory.CreateDirectory(dir.File("empty"));
        var empty = Cli.Run("serve", "--index", dir.File("empty"), "--exposure-key", dir.File("k"));
        Assert.Equal(2, empty.Exit);
        Assert.Contains("no config.json in it", empty.Error, StringComparison.Ordinal);
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static Process Serve(string index, string key, int port)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "tracemark.dll"), "serve", "--index", index, "--exposure-key", key, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(a);
        }

        return Process.Start(start)!;
    }

    internal static async Task WaitUntilUp(string url)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri(url + "/healthz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("tracemark serve did not come up");
    }
}
