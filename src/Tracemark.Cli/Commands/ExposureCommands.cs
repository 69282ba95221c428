using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Tracemark.Exposure;
using Tracemark.Exposure.Index;
using Tracemark.Identifiers;
using Tracemark.Identifiers.Kinds;
using Tracemark.Reports;
using Tracemark.Server;
using Tracemark.Store;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark publish`, `serve` and `check`: the private exposure check (docs/exposure.md).</summary>
internal static class ExposureCommands
{
    private const string KeyHelp = """
        The exposure key: --exposure-key FILE, else $TRACEMARK_EXPOSURE_KEY, else ~/.local/share/tracemark/exposure.key,
        made by the first publish with mode 0600. It never goes into the index folder; publish and serve must use the
        same key. A new --epoch derives a new key pair from it (rotation): republish, and clients follow config.json.
        """;

    private static Option<string?> ExposureKeyOption() => new("--exposure-key") { Description = "The exposure key file (default: $TRACEMARK_EXPOSURE_KEY, else ~/.local/share/tracemark/exposure.key).", HelpName = "FILE" };

    public static (Command, string) Publish(Terminal terminal)
    {
        var paths = CliOptions.Inputs("PATH", "Leak files or folders, each one dataset already ingested into the store.", stdin: false);
        var output = CliOptions.OutputFolder("--out", "The index folder to write (bucket files and config.json).", string.Empty, "-o");
        output.Required = true;
        var epoch = CliOptions.Int("--epoch", "Key epoch: a new number is a new key (rotation).", 1, 1);
        var prefix = CliOptions.Int("--prefix-bits", "Bits of the keyed hash naming a bucket, 8–16 (16: 65,536 buckets).", 16, 8, 16);
        var credentials = new Option<bool>("--credentials") { Description = "Also publish the (account, password) pairs of credential dumps in DIR/credentials/ (bucketed by the account's hash), for `check --account --password`." };
        var publicNames = new Option<string[]>("--public") { Description = "Dataset names that may be shown to people (repeatable); others show category, month and fields only.", HelpName = "NAME", AllowMultipleArgumentsPerToken = true };
        var json = CliOptions.Json();
        var store = StoreCommands.StoreOption();
        var key = StoreCommands.KeyOption();
        var exposureKey = ExposureKeyOption();
        var command = new Command("publish", "Build the private exposure index: padded bucket files people can check their number against without revealing it.")
        {
            paths, output, epoch, prefix, credentials, publicNames, json, store, key, exposureKey,
        };
        command.SetAction(parse =>
        {
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(parse.GetValue(store), parse.GetValue(key)), create: false);
            var known = leaks.Datasets().Select(d => d.Name).ToList();
            foreach (var name in parse.GetValue(publicNames) ?? [])
            {
                if (!known.Contains(name, StringComparer.Ordinal))
                {
                    var near = Suggestions.Nearest(name, known);
                    throw new UsageException($"--public {name}: there is no dataset of that name in {leaks.Description}{(near is null ? string.Empty : $"; did you mean '{near}'?")} (`tracemark datasets` lists them)");
                }
            }

            var options = new PublishOptions
            {
                Out = parse.GetValue(output)!,
                Paths = parse.GetValue(paths) ?? [],
                Epoch = parse.GetValue(epoch),
                PrefixBits = parse.GetValue(prefix),
                PublicDatasets = (parse.GetValue(publicNames) ?? []).ToHashSet(),
                KeyFile = parse.GetValue(exposureKey),
                Credentials = parse.GetValue(credentials),
            };
            var monitor = new PublishMonitor();
            var result = ScanCommand.WithProgress(
                terminal,
                "reading leaks",
                scanning => Publisher.Publish(leaks, options, monitor, scanning),
                () => monitor.Total > 0 ? (monitor.Phase, monitor.Done, monitor.Total) : null);
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(ReportJson.Serialize(PublishReport.From(result)));
            }
            else
            {
                var c = CultureInfo.InvariantCulture;
                terminal.Console.MarkupLine($"{(result.Resumed ? "[green]resumed[/] and published" : "[green]published[/]")} {result.Entries.ToString("N0", c)} identifiers to [bold]{Markup.Escape(result.Out)}[/] (epoch {result.Epoch}): {result.Buckets.ToString("N0", c)} buckets of {result.EntriesPerBucket.ToString("N0", c)} entries, {(result.Bytes / 1048576.0).ToString("N1", c)} MiB, in {result.Elapsed.TotalSeconds.ToString("N1", c)} s.");
                if (options.Credentials)
                {
                    terminal.Console.MarkupLine($"credentials: {result.Credentials.ToString("N0", c)} (account, password) pairs in {result.Buckets.ToString("N0", c)} buckets of {result.CredentialsPerBucket.ToString("N0", c)} entries (credentials/).");
                }
                // A rate over a few seconds of work says more about start-up than about the PRF.
                if (result.Evaluations >= 50_000)
                {
                    var ceiling = result.ScalarMultsPerSecond * Environment.ProcessorCount;
                    terminal.Console.MarkupLine($"{result.Evaluations.ToString("N0", c)} PRF evaluations at {result.EvaluationsPerSecond.ToString("N0", c)}/s on {Environment.ProcessorCount} cores; libsodium's scalar multiplication bound is {ceiling.ToString("N0", c)}/s ({(result.EvaluationsPerSecond / ceiling).ToString("P0", c)} of it).");
                }

                foreach (var e in result.Errors.Where(e => !e.IsNote))
                {
                    terminal.Console.MarkupLine($"[red]problem[/] {Markup.Escape(e.Source)}{(e.Record is { } r ? $" record {r}" : string.Empty)}: {Markup.Escape(e.Message)}");
                }
            }

            return result.Errors.Any(e => !e.IsNote) ? ExitCodes.InputProblems : ExitCodes.Ok;
        });
        return (command, $"""
            Reads each leak file again (it must have been ingested: the store gives its category and date; a folder is
            one dataset, as at ingest), computes y = F(k, "kind:canonical") with the RFC 9497 VOPRF
            (ristretto255-SHA512) for every mobile, resident ID and e-mail in it, and writes DIR/buckets/XXXX (named by
            the first 16 bits of y) and DIR/config.json. Each entry is y[2..18] plus the leaks it appears in — category,
            month first seen, fields leaked alongside — sealed with AES-256-GCM under a key derived from y, so only someone
            who knows the identifier and asks the server can open it. Every entry and every bucket has one size.
            Dataset names appear only with --public NAME. --credentials adds DIR/credentials/XXXX: one entry per
            (normalised account, password) pair of the credential dumps (账号----密码), y = F(k, "credential:account\n
            password"), the bucket named by a plain hash of the account alone (so a checker's password never shapes
            what it fetches). Interrupted? Run the same command again: it resumes.
            Serve the folder with `tracemark serve --index DIR` (or any static file server / CDN for the buckets).

            {KeyHelp}

            Examples:
              tracemark publish leaks/courier-2025-06.csv leaks/loan-2024.xlsx --out /srv/exposure
              tracemark publish leaks/*.csv --out /srv/exposure-e2 --epoch 2 --public sf-2025-06

            Exit status: 0 done, 1 some input unreadable (the rest is published) or a store/key problem, 2 usage.
            """);
    }

    public static (Command, string) Serve(Terminal terminal)
    {
        var index = new Option<string>("--index") { Description = "The folder `tracemark publish` wrote.", Required = true, HelpName = "DIR" };
        index.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } dir && !File.Exists(Path.Combine(dir, "config.json")))
            {
                result.AddError(Directory.Exists(dir) ? $"--index {dir}: no config.json in it; is it a folder `tracemark publish` wrote?" : $"--index {dir}: no such folder");
            }
        });
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:8080).", HelpName = "URL", AllowMultipleArgumentsPerToken = true };
        urls.Validators.Add(result =>
        {
            foreach (var url in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    result.AddError($"--urls takes addresses like http://127.0.0.1:8080, not '{url}'");
                }
            }
        });
        var rate = CliOptions.Int("--rate", "Evaluate requests per minute per client address.", 30, 1);
        var exposureKey = ExposureKeyOption();
        var command = new Command("serve", "Serve the private exposure check: the OPRF evaluation, the bucket files and the check page.")
        {
            index, urls, rate, exposureKey,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var given = parse.GetValue(urls);
            await using var app = ExposureServer.Build(new ServeOptions
            {
                Index = parse.GetValue(index)!,
                KeyFile = parse.GetValue(exposureKey),
                Urls = given is { Length: > 0 } ? given : ["http://127.0.0.1:8080"],
                EvaluationsPerMinute = parse.GetValue(rate),
            });
            try
            {
                await app.StartAsync(cancellation).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException or Microsoft.AspNetCore.Connections.AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await terminal.Error.WriteLineAsync($"tracemark serve: cannot listen on {string.Join(", ", given is { Length: > 0 } ? given : ["http://127.0.0.1:8080"])}: the address is in use (another server running?); choose another with --urls").ConfigureAwait(false);
                return ExitCodes.InputProblems;
            }

            foreach (var url in app.Urls)
            {
                await terminal.Error.WriteLineAsync($"tracemark: serving the exposure check at {url}/ (Ctrl+C stops)").ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return (command, $$"""
            GET  /                        the check page (Chinese first, English toggle); the number never leaves the browser
            GET  /v1/oprf/config          suite, mode, public key, prefix bits, epoch
            POST /v1/oprf/evaluate        {"blindedElements":[base64 ×1–32]} → {"evaluatedElements":[…],"proof":…}
                                          (rate-limited per client address: 429 with Retry-After)
            GET  /v1/buckets/XXXX         a bucket file (cacheable)
            GET  /healthz                 ok
            Nothing about a request is stored; requests are not logged. Ctrl+C or SIGTERM lets running requests finish.

            {{KeyHelp}}

            Examples:
              tracemark serve --index /srv/exposure --urls http://0.0.0.0:8080
              tracemark serve --index /srv/exposure --rate 10
            """);
    }

    public static (Command, string) Check(Terminal terminal)
    {
        var mobile = new Option<string?>("--mobile") { Description = "A mobile number (+86 and separators are fine).", HelpName = "NUMBER" };
        var id = new Option<string?>("--id") { Description = "A resident ID number (18 characters).", HelpName = "ID" };
        var email = new Option<string?>("--email") { Description = "An e-mail address.", HelpName = "ADDRESS" };
        var account = new Option<string?>("--account") { Description = "An account (e-mail, mobile, QQ number or account name) to check with --password.", HelpName = "ACCOUNT" };
        var password = new Option<string?>("--password") { Description = "The account's password; '-' reads it from the first line of standard input (keeps it out of shell history and ps).", HelpName = "PASSWORD" };
        var server = new Option<string?>("--server") { Description = "The exposure service (default: $TRACEMARK_SERVER, else http://127.0.0.1:8080).", HelpName = "URL" };
        server.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                result.AddError($"--server takes an address like https://check.example.org, not '{url}'");
            }
        });
        var json = CliOptions.Json();
        var command = new Command("check", "Check privately whether a mobile, ID number or e-mail is in a known leak (the server never learns which).")
        {
            mobile, id, email, account, password, server, json,
        };
        command.Validators.Add(result =>
        {
            if (new Option[] { mobile, id, email, account }.Count(o => result.GetResult(o) is not null) != 1)
            {
                result.AddError("give exactly one of --mobile, --id, --email, --account");
            }

            if ((result.GetResult(account) is null) != (result.GetResult(password) is null))
            {
                result.AddError("--account and --password go together");
            }
        });
        command.SetAction(async (parse, cancellation) =>
        {
            if (parse.GetValue(account) is { } accountText)
            {
                return await CheckCredential(terminal, parse.GetValue(json), accountText, parse.GetValue(password)!, ServerUri(parse.GetValue(server)), cancellation).ConfigureAwait(false);
            }

            var given = new[] { (IdentifierKind.Mobile, parse.GetValue(mobile)), (IdentifierKind.ResidentId, parse.GetValue(id)), (IdentifierKind.Email, parse.GetValue(email)) }
                .Where(g => g.Item2 is not null).ToArray();
            if (given.Length != 1)
            {
                throw new ArgumentException("give exactly one of --mobile, --id, --email");
            }

            var (kind, raw) = given[0];
            Span<char> buffer = stackalloc char[Identifier.MaxCanonicalLength];
            var verdict = Identifier.Check(kind, raw!, buffer);
            if (!verdict.IsValid)
            {
                throw new ArgumentException($"'{raw}' is not a valid {kind.Label()}: {verdict.Explain()}");
            }

            var canonical = buffer[..verdict.Length].ToString();
            var baseUri = ServerUri(parse.GetValue(server));
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var result = await ExposureCheck.CheckAsync(http, baseUri, kind, canonical, cancellation).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                await terminal.Out.WriteLineAsync(ReportJson.Serialize(CheckReport.From(kind, canonical, result))).ConfigureAwait(false);
            }
            else
            {
                Render(terminal.Console, kind, canonical, result);
            }

            return ExitCodes.Ok;
        });
        return (command, """
            Computes the keyed hash of the identifier with the server without showing it the identifier (the RFC 9497
            VOPRF: the server sees a random-looking blinded value, and proves it used its published key), then fetches
            the one bucket it falls in (of 65,536 at the default --prefix-bits 16; config.json says how many) and opens the
            matching entry locally. Output masks the identifier.

            Examples:
              tracemark check --mobile 138-0013-8000 --server https://check.example.org
              tracemark check --id 11010519491231002X --json
              tracemark check --account 123456789 --password - < pw.txt

            --account with --password checks an (account, password) pair against the credential index (publish
            --credentials): the account is normalised (e-mail lower-cased, mobile as 11 digits without +86, QQ digits,
            other account names lower-cased), the server sees a blinded element and a 16-bit prefix of a plain hash
            of the account — never the password. The password is never printed; the account is masked.

            Exit status: 0 answered (found or not), 1 the service failed or refused, 2 usage.
            """);
    }

    private static Uri ServerUri(string? given)
    {
        var url = given ?? Environment.GetEnvironmentVariable("TRACEMARK_SERVER") ?? "http://127.0.0.1:8080";
        return new Uri(url.EndsWith('/') ? url : url + "/");
    }

    private static async Task<int> CheckCredential(Terminal terminal, bool json, string account, string password, Uri server, CancellationToken cancellation)
    {
        if (password == "-")
        {
            using var reader = new StreamReader(terminal.Input);
            password = (await reader.ReadLineAsync(cancellation).ConfigureAwait(false) ?? string.Empty).TrimEnd('\r');
        }

        Span<char> buffer = stackalloc char[Identifier.MaxCanonicalLength];
        var verdict = Credential.Check(account, buffer);
        if (!verdict.IsValid)
        {
            throw new ArgumentException($"--account: not an e-mail address, mobile, QQ number or account name ({verdict.Explain()})");
        }

        var canonical = buffer[..verdict.Length].ToString();
        if (!Credential.IsPassword(password.Trim()))
        {
            // Never echo the password, not even in an error.
            throw new ArgumentException($"--password: a password is {Credential.MinPasswordLength}–{Credential.MaxPasswordLength} printable ASCII characters without spaces");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var result = await ExposureCheck.CheckCredentialAsync(http, server, canonical, password, cancellation).ConfigureAwait(false);
        if (json)
        {
            await terminal.Out.WriteLineAsync(ReportJson.Serialize(CheckReport.From(IdentifierKind.Credential, canonical, result))).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var masked = Markup.Escape(Masking.Mask(IdentifierKind.Credential, canonical));
        if (!result.Found || result.Record is null)
        {
            terminal.Console.MarkupLine($"[green]not found[/]: this password for {masked} is in none of the credential dumps this service knows (epoch {result.Epoch}). Not a guarantee: many dumps are never found, and a password used elsewhere may still be known.");
            return ExitCodes.Ok;
        }

        var leaks = result.Record.Leaks;
        terminal.Console.MarkupLine($"[red]found[/]: this password for {masked} is in {leaks.Count + result.Record.More} known credential dump(s): {Markup.Escape(string.Join("; ", leaks.Select(l => $"{l.Category} since {l.Since}{(l.Dataset is null ? string.Empty : $" ({l.Dataset})")}")))}.");
        terminal.Console.MarkupLine("What to do: change this password now, everywhere it was used; turn on two-step verification (QQ 设备锁, WeChat 账号保护); check the account's login devices and bound phone; expect 'account recovery' or 'frozen account' scams that ask for SMS codes — never give them.");
        return ExitCodes.Ok;
    }

    private static void Render(IAnsiConsole console, IdentifierKind kind, string canonical, CheckResult result)
    {
        var masked = Markup.Escape(Masking.Mask(kind, canonical));
        if (!result.Found || result.Record is null)
        {
            console.MarkupLine($"[green]not found[/]: {masked} is in none of the leaks this service knows (epoch {result.Epoch}). That is not a guarantee: many leaks are never found.");
            return;
        }

        var table = new Spectre.Console.Table().Border(TableBorder.Rounded).Title($"{masked} is in {result.Record.Leaks.Count + result.Record.More} known leak(s)");
        table.AddColumn("kind of leak");
        table.AddColumn("first seen");
        table.AddColumn("leaked with it");
        table.AddColumn("dataset");
        foreach (var leak in result.Record.Leaks)
        {
            table.AddRow(Markup.Escape(leak.Category), Markup.Escape(leak.Since), Markup.Escape(string.Join(", ", leak.Fields)), Markup.Escape(leak.Dataset ?? "—"));
        }

        console.Write(table);
        if (result.Record.More > 0)
        {
            console.MarkupLine($"…and {result.Record.More} older leak(s).");
        }

        console.MarkupLine("What to do: expect fraud calls that quote your details (loan offers, 'courier refunds', 'police'); never transfer money or share SMS codes; if an ID number or bank card leaked, ask your bank to watch or replace the card and check your credit report (征信) at the PBOC Credit Reference Center; report fraud to 110 or the 国家反诈中心 app, and leaks to the CAC at 12377.cn.");
    }
}
