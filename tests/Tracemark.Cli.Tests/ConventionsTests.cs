using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>
/// What the conventions tests run: a synth corpus, a store with a leak, an owner with its access log, trading posts,
/// a published exposure index and a running `tracemark serve` — so that every command has real work to do.
/// </summary>
public sealed class ConventionsWorld : IDisposable
{
    private readonly TempDir _dir = new("cli-conventions");
    private readonly Process _server;

    public ConventionsWorld()
    {
        Directory.CreateDirectory(_dir.Path);
        Must("synth", "--out", File("synth"), "--records", "150", "--people", "300", "--seed", "5");
        Must("ingest", Courier, "--name", "courier-1", "--category", "courier", "--seen", "2026-01-01", "--store", Store);
        Must("synth", "owner", "--out", File("owner"), "--customers", "4000", "--outlets", "4", "--employees-per-outlet", "8", "--sample-size", "30", "--samples-per-kind", "1");
        Must("owner", "import", "--channels", File("owner/channels.csv"), "--customers", File("owner/customers.csv"), "--access", File("owner/access.csv"), "--store", OwnerStore);
        Must("incident", "open", "conventions", "--discovered", "2026-01-01T09:00:00+08:00", "--operator", "other", "--store", OwnerStore);
        Must("incident", "add", "conventions", Sample, "--store", OwnerStore);
        Must("synth", "posts", "--out", File("posts"), "--posts", "300");
        Must("synth", "fraud", "--out", File("fraud"), "--people", "500", "--reports", "60");
        Must("fraud", "import", File("fraud/reports.csv"), "--store", Store);
        Must("publish", Courier, "--out", File("index"), "--prefix-bits", "8", "--store", Store, "--exposure-key", File("exposure.key"));
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Server = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        }

        _server = Child.Start(["serve", "--index", File("index"), "--exposure-key", File("exposure.key"), "--urls", Server]);
        WorkspaceDb = Postgres.NewDatabase();
        using var http = new HttpClient();
        for (var i = 0; i < 300 && !Up(http); i++)
        {
            Thread.Sleep(100);
        }
    }

    public string Courier => File("synth/leaks/courier-waybills.csv");

    public string Store => File("store.db");

    public string OwnerStore => File("owner.db");

    public string Server { get; }

    /// <summary>A PostgreSQL cluster for `tracemark server`'s subcommands, and the workspace database on it.</summary>
    public Tracemark.Store.Tests.PostgresServer Postgres { get; } = new();

    public string WorkspaceDb { get; }

    public string Sample => Directory.GetFiles(File("owner/scenarios")).Order(StringComparer.Ordinal).First();

    public string File(string name) => _dir.File(name);

    public void Dispose()
    {
        _server.Kill(entireProcessTree: true);
        _server.Dispose();
        Postgres.Dispose();
        _dir.Dispose();
    }

    private static void Must(params string[] args)
    {
        var r = Cli.Run(args);
        if (r.Exit != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)}: {r.Error}");
        }
    }

    private bool Up(HttpClient http)
    {
        try
        {
            return http.GetAsync(new Uri(Server + "/healthz")).GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}

/// <summary>Runs the built `tracemark` as a child process, optionally under a pseudo-terminal (`script`).</summary>
internal static class Child
{
    public sealed record Result(int Exit, string Out, string Error);

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "tracemark.dll");

    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Dll);
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        return Process.Start(start)!;
    }

    /// <summary>
    /// Runs `tracemark ARGS` with standard input, output and error on a pseudo-terminal, as typed at a terminal, then
    /// the shell redirections given (e.g. "> out.json"). Returns the exit status and what reached the terminal.
    /// </summary>
    public static Result InTerminal(IEnumerable<string> args, string redirections, IDictionary<string, string>? environment = null)
    {
        var command = $"dotnet {Quote(Dll)} {string.Join(' ', args.Select(Quote))} {redirections}";
        var start = new ProcessStartInfo("script", ["-qec", command, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment["COLUMNS"] = "100";
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        foreach (var (k, v) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        using var p = Process.Start(start)!;
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException(command);
        }

        return new Result(p.ExitCode, output.Result, error.Result);
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>
/// docs/cli.md, convention by convention, over every command: a table of invocations per convention, and a check
/// that the tables leave no command out.
/// </summary>
public sealed partial class ConventionsTests(ConventionsWorld world) : IClassFixture<ConventionsWorld>
{
    /// <summary>Every runnable command of the tree, as `scan`, `datasets rm`, `eval trace`.</summary>
    private static List<(string Path, Command Command)> Commands()
    {
        var list = new List<(string, Command)>();
        void Walk(Command c, string path)
        {
            if (c.Action is not null && path.Length > 0)
            {
                list.Add((path, c));
            }

            foreach (var sub in c.Subcommands)
            {
                Walk(sub, (path + " " + sub.Name).Trim());
            }
        }

        Walk(CliApp.Build(Terminal.Plain(TextWriter.Null, TextWriter.Null)), string.Empty);
        return list;
    }

    [Fact]
    public void An_unknown_option_on_any_command_is_exit_2_with_a_suggestion_and_no_output()
    {
        var commands = Commands();
        Assert.True(commands.Count >= 19, string.Join(", ", commands.Select(c => c.Path)));
        foreach (var (path, command) in commands)
        {
            // Each command's own first long option, one letter short: the suggestion must name it.
            var option = command.Options.Select(o => o.Name).First(n => n.Length >= 6 && n != "--help");
            var typo = option[..^1];
            var r = Cli.Run([.. path.Split(' '), typo]);
            Assert.True(r.Exit == 2, $"{path} {typo}: exit {r.Exit}");
            Assert.True(r.Out.Length == 0, $"{path} {typo} wrote to standard output: {r.Out}");
            Assert.Contains($"did you mean '{option}'?", r.Error, StringComparison.Ordinal);
            Assert.Single(r.Error.TrimEnd().Split('\n'));
        }
    }

    [Fact]
    public void Short_options_are_few_and_mean_the_same_on_every_command()
    {
        // docs/cli.md: -o is --out, -n is how many, -h/-? is help; nothing else has a short form (issue 17 point 14).
        var howMany = new HashSet<string>(StringComparer.Ordinal) { "--records", "--posts", "--count", "--accounts" };
        var seen = 0;
        foreach (var (path, command) in Commands())
        {
            foreach (var option in command.Options)
            {
                foreach (var alias in option.Aliases.Append(option.Name).Where(a => a.Length == 2 && a[0] == '-'))
                {
                    seen++;
                    var fits = alias switch
                    {
                        "-o" => option.Name == "--out",
                        "-n" => howMany.Contains(option.Name),
                        "-h" or "-?" => option.Name == "--help",
                        _ => false,
                    };
                    Assert.True(fits, $"{path}: {alias} is {option.Name}");
                }
            }
        }

        Assert.True(seen > 0);
    }

    /// <summary>Each command with --json, with arguments that give it real work.</summary>
    private Dictionary<string, string[]> JsonRuns() => new()
    {
        ["scan"] = ["scan", world.File("synth/leaks")],
        ["ingest"] = ["ingest", world.Courier, "--name", "courier-1", "--category", "courier", "--seen", "2026-01-01", "--store", world.Store],
        ["compare"] = ["compare", world.File("synth/leaks/hotel-checkins.txt"), "--store", world.Store],
        ["datasets"] = ["datasets", "--store", world.Store],
        ["trace"] = ["trace", world.Sample, "--store", world.OwnerStore, "--seen", "2026-01-01"],
        ["publish"] = ["publish", world.Courier, "--out", world.File("index2"), "--prefix-bits", "8", "--store", world.Store, "--exposure-key", world.File("exposure.key")],
        ["check"] = ["check", "--mobile", "13912345678", "--server", world.Server],
        ["intel"] = ["intel", world.File("posts/forum.jsonl")],
        ["eval trace"] = ["eval", "trace", "--customers", "10000", "--repeats", "1"],
        ["eval intel"] = ["eval", "intel", "--dir", world.File("posts")],
        ["eval guard"] = ["eval", "guard", "--seeds", "1", "--simulation", "standard"],
        ["guard"] = ["guard", "--store", world.OwnerStore],
        ["identify"] = ["identify", "11010519491231002X", "13800138000"],
        ["incident list"] = ["incident", "list", "--store", world.OwnerStore],
        ["audit"] = ["audit", "--store", world.OwnerStore],
        ["incident report"] = ["incident", "report", "conventions", "--store", world.OwnerStore],
        ["synth"] = ["synth", "--out", world.File("synth2"), "--records", "20"],
        ["synth credentials"] = ["synth", "credentials", "--out", world.File("credentials-{RUN}"), "--accounts", "40", "--people", "200"],
        ["fraud import"] = ["fraud", "import", world.File("fraud/reports.csv"), "--store", world.Store],
        ["fraud link"] = ["fraud", "link", "--store", world.Store],
        ["fraud who"] = ["fraud", "who", "--mobile", "13800138000", "--store", world.Store],
        ["fraud sample"] = ["fraud", "sample", "courier-1", "--n", "20", "--seed", "3", "--store", world.Store],
        ["server user add"] = ["server", "user", "add", "conventions-{RUN}", "--role", "viewer", "--db", world.WorkspaceDb],
        ["server audit verify"] = ["server", "audit", "verify", "--db", world.WorkspaceDb],
    };

    [Fact]
    public void Json_on_standard_output_parses_when_run_at_a_terminal_redirected_or_piped()
    {
        var runs = JsonRuns();
        var withJson = Commands().Where(c => c.Command.Options.Any(o => o.Name == "--json")).Select(c => c.Path).ToList();
        Assert.Equal(withJson.Order(StringComparer.Ordinal), runs.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, args) in runs)
        {
            foreach (var how in new[] { "> {0}", "| cat > {0}" })
            {
                var file = world.File($"out-{name.Replace(' ', '-')}-{how.Length}.json");
                // {RUN} makes a name that must be new (a user) differ between the two runs.
                var r = Child.InTerminal([.. args.Select(a => a.Replace("{RUN}", how.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)), "--json"], string.Format(System.Globalization.CultureInfo.InvariantCulture, how, file));
                Assert.True(r.Exit == 0, $"{name}: exit {r.Exit}: {r.Out}");
                var text = File.ReadAllText(file);
                Assert.DoesNotContain('\u001b', text);
                if (name is "intel" or "guard")
                {
                    Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => JsonDocument.Parse(line).Dispose());
                }
                else
                {
                    JsonDocument.Parse(text).Dispose();
                }
            }
        }
    }

    [Fact]
    public void No_color_and_color_never_write_no_escape_codes_at_a_terminal_and_always_colours_a_pipe()
    {
        foreach (var (name, args) in JsonRuns().Where(r => r.Key is not ("eval trace" or "publish")))
        {
            var noColor = Child.InTerminal(args, "2>/dev/null", new Dictionary<string, string> { ["NO_COLOR"] = "1" });
            Assert.True(noColor.Exit == 0, $"{name}: {noColor.Out}");
            Assert.False(Sgr().IsMatch(noColor.Out), $"{name} with NO_COLOR wrote escape codes: {noColor.Out}");

            var never = Child.InTerminal([.. args, "--color", "never"], "2>/dev/null");
            Assert.False(Sgr().IsMatch(never.Out), $"{name} --color never wrote escape codes: {never.Out}");
        }

        var file = world.File("coloured.txt");
        Assert.Equal(0, Child.InTerminal(["identify", "11010519491231002X", "--color", "always"], $"> {file}").Exit);
        Assert.Matches(Sgr(), File.ReadAllText(file));
        Assert.Equal(0, Child.InTerminal(["identify", "11010519491231002X"], $"> {file}").Exit);
        Assert.DoesNotMatch(Sgr(), File.ReadAllText(file));
    }

    /// <summary>Each command that reads a file, folder or store, with that input missing.</summary>
    private static readonly Dictionary<string, string[]> MissingInputRuns = new()
    {
        ["scan"] = ["scan", "MISSING"],
        ["ingest"] = ["ingest", "MISSING", "--name", "x", "--category", "loan", "--seen", "2026-01-01", "--store", "STORE"],
        ["compare"] = ["compare", "MISSING", "--store", "STORE"],
        ["trace"] = ["trace", "MISSING", "--store", "STORE"],
        ["publish"] = ["publish", "MISSING", "--out", "OUT", "--store", "STORE"],
        ["intel"] = ["intel", "MISSING"],
        ["owner import"] = ["owner", "import", "--access", "MISSING", "--store", "STORE"],
        ["canary issue"] = ["canary", "issue", "--channel", "c", "--phones", "MISSING", "--store", "STORE"],
        ["serve"] = ["serve", "--index", "MISSING"],
        ["eval intel"] = ["eval", "intel", "--dir", "MISSING"],
        ["datasets"] = ["datasets", "--store", "MISSING"],
        ["datasets rm"] = ["datasets", "rm", "x", "--store", "MISSING"],
        ["incident add"] = ["incident", "add", "x", "MISSING", "--store", "STORE"],
        ["incident report"] = ["incident", "report", "x", "--store", "MISSING"],
        ["incident close"] = ["incident", "close", "x", "--ended", "2026-01-02T09:00:00+08:00", "--store", "MISSING"],
        ["incident list"] = ["incident", "list", "--store", "MISSING"],
        ["redact"] = ["redact", "MISSING", "OUT"],
        ["audit"] = ["audit", "--store", "MISSING"],
        ["guard"] = ["guard", "--store", "MISSING"],
        ["fraud import"] = ["fraud", "import", "MISSING", "--store", "STORE"],
        ["fraud link"] = ["fraud", "link", "--store", "MISSING"],
        ["fraud who"] = ["fraud", "who", "--mobile", "13800138000", "--store", "MISSING"],
        ["fraud sample"] = ["fraud", "sample", "x", "--store", "MISSING"],
    };

    /// <summary>Commands that read no file: values, a server, or what they generate themselves (or create a store).</summary>
    private static readonly HashSet<string> NoInput = ["identify", "check", "synth", "synth owner", "synth posts", "synth fraud", "synth credentials", "eval trace", "eval guard", "store init", "incident open", "server", "server user add", "server audit verify"];

    [Fact]
    public void A_missing_input_is_one_line_on_standard_error_and_nothing_on_standard_output_for_every_command()
    {
        var commands = Commands().Select(c => c.Path).ToList();
        Assert.DoesNotContain(commands, c => !MissingInputRuns.ContainsKey(c) && !NoInput.Contains(c));
        Assert.DoesNotContain(MissingInputRuns.Keys.Concat(NoInput), c => !commands.Contains(c));
        var missing = world.File("no-such-input.csv");
        foreach (var (name, args) in MissingInputRuns)
        {
            var r = Cli.Run([.. args.Select(a => a switch { "MISSING" => missing, "STORE" => world.Store, "OUT" => world.File("out-missing"), _ => a })]);
            Assert.True(r.Exit != 0, $"{name}: exit 0");
            Assert.True(r.Out.Length == 0, $"{name} wrote to standard output: {r.Out}");
            var lines = r.Error.TrimEnd().Split('\n');
            Assert.True(lines.Length == 1, $"{name}: {r.Error}");
            Assert.Contains("no-such-input.csv", lines[0], StringComparison.Ordinal);
            Assert.StartsWith($"tracemark {name}", lines[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Double_dash_ends_options_so_a_file_named_like_an_option_is_scanned()
    {
        var folder = world.File("dashes");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "--json"), "姓名,手机\n张三,13800138000\n");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "tracemark.dll"), "scan", "--json", "--", "--json"]) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("files").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("kinds").GetProperty("mobile").GetInt32());
    }

    [Fact]
    public void Tables_piped_follow_columns_and_narrow_ones_keep_their_words_whole()
    {
        foreach (var columns in new[] { 80, 200 })
        {
            var env = new Dictionary<string, string> { ["COLUMNS"] = columns.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            foreach (var (name, expected) in new[] { ("trace", columns < 150 ? "accessed" : "never accessed"), ("intel", columns < 110 ? "yuan/record ·" : "yuan/record"), ("datasets", "complete"), ("scan", "occurrences") })
            {
                using var p = Child.Start(JsonRuns()[name], env);
                var output = p.StandardOutput.ReadToEnd();
                p.WaitForExit();
                Assert.Equal(0, p.ExitCode);
                Assert.All(output.Split('\n'), l => Assert.True(l.TrimEnd('\r').Length <= columns, $"{name} at {columns}: {l}"));
                Assert.Contains(expected, output, StringComparison.Ordinal);
                if (name == "datasets")
                {
                    Assert.Contains("courier-1", output, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public void Progress_goes_to_standard_error_only_at_a_terminal()
    {
        var big = world.File("big");
        Assert.Equal(0, Cli.Run("synth", "--out", big, "--records", "60000", "--shapes", "dump", "--no-truth").Exit);
        var err = world.File("progress.txt");
        var atTerminal = Child.InTerminal(["scan", Path.Combine(big, "leaks"), "--json"], $"> {world.File("p.json")}");
        Assert.Equal(0, atTerminal.Exit);
        Assert.Contains("scanning", atTerminal.Out, StringComparison.Ordinal);
        var piped = Child.InTerminal(["scan", Path.Combine(big, "leaks"), "--json"], $"> {world.File("p.json")} 2> {err}");
        Assert.Equal(0, piped.Exit);
        Assert.Equal(string.Empty, File.ReadAllText(err));
    }

    [Theory]
    [InlineData("owner import", "importing")]
    [InlineData("trace", "tracing")]
    public void Long_work_shows_its_progress_at_a_terminal_and_nothing_on_standard_error_when_redirected(string verb, string label)
    {
        // Issue 17 point 9: owner import and trace ran silently for minutes; their bars are as scan's.
        string[] Args(string store) => verb == "trace"
            ? ["trace", world.Sample, "--store", world.OwnerStore, "--seen", "2026-01-01"]
            : ["owner", "import", "--channels", world.File("owner/channels.csv"), "--customers", world.File("owner/customers.csv"), "--access", world.File("owner/access.csv"), "--store", store];
        var atTerminal = Child.InTerminal(Args(world.File($"progress-{label}-1.db")), $"> {world.File($"{label}.txt")}");
        Assert.Equal(0, atTerminal.Exit);
        Assert.Contains(label, atTerminal.Out, StringComparison.Ordinal);
        var err = world.File($"{label}-err.txt");
        var redirected = Child.InTerminal(Args(world.File($"progress-{label}-2.db")), $"> {world.File($"{label}.txt")} 2> {err}");
        Assert.Equal(0, redirected.Exit);
        Assert.Equal(string.Empty, File.ReadAllText(err));
    }

    [GeneratedRegex(@"\u001b\[[0-9;]*[mABCDKJ]")]
    private static partial Regex Sgr();
}
