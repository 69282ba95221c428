using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Spectre.Console;
using Tracemark.Workspace;

namespace Tracemark.Cli.Commands;

/// <summary>`tracemark server`: the investigator workspace for a team, on PostgreSQL (docs/server.md).</summary>
internal static class ServerCommand
{
    private static readonly Dictionary<string, string> RoleNames = new[] { "lead", "analyst", "auditor", "viewer" }.ToDictionary(r => r, r => r, StringComparer.Ordinal);

    private static Option<string> DbOption()
    {
        var db = new Option<string>("--db")
        {
            Description = "The workspace's PostgreSQL database, postgres://user:password@host:port/database (default: $TRACEMARK_DB).",
            HelpName = "URL",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TRACEMARK_DB") ?? string.Empty,
        };
        db.Validators.Add(result =>
        {
            var url = result.GetValueOrDefault<string>();
            if (string.IsNullOrEmpty(url))
            {
                result.AddError("--db is required (or set TRACEMARK_DB): the workspace is a team service on PostgreSQL, e.g. --db postgres://tracemark@127.0.0.1:5432/workspace");
            }
            else if (!url.StartsWith("postgres://", StringComparison.Ordinal) && !url.StartsWith("postgresql://", StringComparison.Ordinal))
            {
                result.AddError($"--db takes a PostgreSQL URL like postgres://user@host:5432/workspace, not '{url}'");
            }
        });
        return db;
    }

    public static (Command, string) Create(Terminal terminal)
    {
        // One --db for the server and its subcommands (`server user add … --db`), so it is checked once.
        var db = DbOption();
        db.Recursive = true;
        var urls = new Option<string[]>("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:8090).", HelpName = "URL", AllowMultipleArgumentsPerToken = true };
        urls.Validators.Add(result =>
        {
            foreach (var url in result.GetValueOrDefault<string[]>() ?? [])
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    result.AddError($"--urls takes addresses like http://127.0.0.1:8090, not '{url}'");
                }
            }
        });
        var data = new Option<string?>("--data") { Description = "Folder for uploaded evidence and scan results (default ~/.local/share/tracemark/workspace).", HelpName = "DIR" };
        var store = StoreCommands.StoreOption();
        store.Description = "A known-leak store to compare every upload with (SQLite file or postgres:// URL; none by default).";
        var key = StoreCommands.KeyOption();
        var maxUpload = CliOptions.Long("--max-upload-mb", "The largest upload one request may carry, in MiB.", 10 * 1024, 1);
        var command = new Command("server", "Run the investigator workspace for a team: cases, evidence upload, scans, masked results and audited reveals, in the browser and over an API.")
        {
            db, urls, data, store, key, maxUpload,
        };
        command.Add(Users(terminal, db));
        command.Add(Audit(terminal, db));
        command.SetAction(async (parse, cancellation) =>
        {
            var given = parse.GetValue(urls) is { Length: > 0 } u ? u : ["http://127.0.0.1:8090"];
            await using var app = WorkspaceServer.Build(new WorkspaceOptions
            {
                Database = parse.GetValue(db)!,
                DataFolder = parse.GetValue(data),
                KnownLeaks = parse.GetValue(store),
                KnownLeaksKey = parse.GetValue(key),
                Urls = given,
                MaxUploadBytes = parse.GetValue(maxUpload) * 1024 * 1024,
            });
            try
            {
                await app.StartAsync(cancellation).ConfigureAwait(false);
            }
            catch (IOException ex) when (ex.InnerException is System.Net.Sockets.SocketException or Microsoft.AspNetCore.Connections.AddressInUseException || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await terminal.Error.WriteLineAsync($"tracemark server: cannot listen on {string.Join(", ", given)}: the address is in use (another server running?); choose another with --urls").ConfigureAwait(false);
                return ExitCodes.InputProblems;
            }

            foreach (var url in app.Urls)
            {
                await terminal.Error.WriteLineAsync($"tracemark: the workspace is at {url}/ (Ctrl+C stops)").ConfigureAwait(false);
            }

            await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return (command, """
            One server for a team on one PostgreSQL database (migrated on start). People sign in in the browser with a
            name and password; scripts call the API with `Authorization: Bearer TOKEN`. Every upload is streamed to
            disk, queued and scanned (with --store, also compared with the known-leak store); results are masked, and
            each reveal, each read of a case's data and each membership change goes into an append-only, hash-chained
            audit log. Nothing but /healthz and the sign-in page answers without signing in.

              POST /api/cases {"name"}                   open a case (leads)          GET /api/cases
              POST /api/cases/{id}/members {"user","role"} (the case's leads)
              POST /api/cases/{id}/files  (multipart)   → {"job"}                    GET /api/jobs/{id}[/events]
              GET  /api/cases/{id}/summary               POST /api/cases/{id}/reveal {"finding"}
              GET  /api/audit?case=ID                    GET /openapi/v1.json

            Roles: lead (everything in the case, opens cases), analyst (upload, read, reveal), viewer (read masked
            results), auditor (the audit log only). See docs/server.md.

            Examples:
              tracemark server user add wang --role lead --password 'long passphrase' --db postgres://tm@127.0.0.1/ws
              tracemark server --db postgres://tm@127.0.0.1/ws --urls http://127.0.0.1:8090 --store postgres://tm@127.0.0.1/leaks
              tracemark server audit verify --db postgres://tm@127.0.0.1/ws

            Exit status: 0 stopped cleanly, 1 database or listening problem, 2 usage.
            """);
    }

    private static Command Users(Terminal terminal, Option<string> db)
    {
        var name = new Argument<string>("NAME") { Description = "The user's sign-in name." };
        var role = CliOptions.Choice("--role", "The user's own role: leads open cases; in a case, each member's role there counts.", null!, RoleNames);
        role.Required = true;
        var password = new Option<string?>("--password") { Description = "A password for the browser (at least 8 characters); without it the user has only the API token.", HelpName = "TEXT" };
        var json = CliOptions.Json("Print {\"user\",\"token\"} as JSON.");
        var add = new Command("add", "Create a user and print their API token (shown once; only its hash is stored).") { name, role, password, json };
        add.SetAction(parse =>
        {
            var added = WorkspaceAdmin.AddUser(parse.GetValue(db)!, parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(password));
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(WorkspaceAdmin.ToJson(added));
            }
            else
            {
                terminal.Out.WriteLine(added.Token);
                terminal.Error.WriteLine($"tracemark server: user '{added.User}' created; the line above is their API token, shown only this once");
            }

            return ExitCodes.Ok;
        });
        return new Command("user", "Manage workspace users.") { add };
    }

    private static Command Audit(Terminal terminal, Option<string> db)
    {
        var json = CliOptions.Json("Print {\"intact\",\"entries\",\"broken_at\",\"problem\"} as JSON.");
        var verify = new Command("verify", "Check the audit log's hash chain from its first entry: exit 1 names the first entry that was changed or removed.") { json };
        verify.SetAction(parse =>
        {
            var result = WorkspaceAdmin.VerifyAudit(parse.GetValue(db)!);
            if (parse.GetValue(json))
            {
                terminal.Out.WriteLine(WorkspaceAdmin.ToJson(result));
            }
            else if (result.Intact)
            {
                terminal.Console.MarkupLine($"[green]intact[/]: {result.Entries.ToString("N0", CultureInfo.InvariantCulture)} audit entries, each chained to the one before");
            }
            else
            {
                terminal.Console.MarkupLine($"[red]broken[/] at entry {result.BrokenAt}: {Markup.Escape(result.Problem ?? string.Empty)}");
            }

            return result.Intact ? ExitCodes.Ok : ExitCodes.InputProblems;
        });
        return new Command("audit", "Check the workspace's audit log.") { verify };
    }
}
