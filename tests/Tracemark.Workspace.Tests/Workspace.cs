using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Tracemark.Scanning;
using Tracemark.Store;
using Tracemark.Store.Tests;
using Tracemark.Synthetic.Owners;
using Tracemark.Synthetic.Posts;
using Tracemark.Tests;
using Tracemark.Tracing.Owner;

namespace Tracemark.Workspace.Tests;

/// <summary>
/// A running workspace for the tests: a throwaway PostgreSQL cluster (as the store tests start one), its own
/// database and data folder, Kestrel on a free loopback port — or, hosted, the same application on
/// Mvc.Testing's in-memory TestServer (<see cref="WorkspaceFactory"/>) — and one user per role plus an outsider (a
/// lead who is in no case of the others). Everything the server logs is kept in <see cref="Log"/>.
/// </summary>
public class Workspace : IAsyncLifetime, IDisposable
{
    public const string Password = "correct horse battery";

    private readonly TempDir _data = new("workspace");
    private readonly Func<WorkspaceOptions, WorkspaceOptions> _configure;
    private readonly bool _hosted;
    private WebApplication? _app;
    private WorkspaceFactory? _factory;
    private int _disposed;

    public Workspace()
        : this(options => options)
    {
    }

    /// <summary>A workspace whose options <paramref name="configure"/> completes (a known-leak store, say).</summary>
    internal Workspace(Func<WorkspaceOptions, WorkspaceOptions> configure, bool hosted = false)
    {
        _configure = configure;
        _hosted = hosted;
    }

    public PostgresServer Postgres { get; } = new();

    public string Database { get; private set; } = string.Empty;

    public Uri Base { get; private set; } = null!;

    public ConcurrentQueue<string> Log { get; } = new();

    public string DataFolder => _data.Path;

    /// <summary>Role name (lead, analyst, auditor, viewer, outsider) → API token.</summary>
    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        Database = Postgres.NewDatabase();
        foreach (var (name, role) in new[] { ("lead", "lead"), ("analyst", "analyst"), ("auditor", "auditor"), ("viewer", "viewer"), ("outsider", "lead") })
        {
            Tokens[name] = WorkspaceAdmin.AddUser(Database, name, role, Password).Token;
        }

        var options = _configure(Options(Database, _data.Path) with { ExtraLog = new ListLog(Log) });
        if (_hosted)
        {
            _factory = new WorkspaceFactory(options);
            Base = _factory.Start().BaseAddress;
            return;
        }

        _app = WorkspaceServer.Build(options);
        await _app.StartAsync();
        Base = new Uri(_app.Urls.First() + "/");
    }

    /// <summary>The options the tests run with: short slow-client limits so those tests finish quickly.</summary>
    public static WorkspaceOptions Options(string database, string data) => new()
    {
        Database = database,
        DataFolder = data,
        Urls = ["http://127.0.0.1:0"],
        HeadersTimeout = TimeSpan.FromSeconds(2),
        BodyRateGrace = TimeSpan.FromSeconds(2),
        LoginsPerMinute = 50,
        LogLevel = LogLevel.Information,
    };

    public HttpClient Client(string? role)
    {
        var client = _factory is null ? new HttpClient { BaseAddress = Base } : _factory.CreateDefaultClient(Base);
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens[role]);
        }

        return client;
    }

    /// <summary>A new case opened by the lead, with the analyst, auditor and viewer as members in their roles.</summary>
    public async Task<long> NewCase(string name)
    {
        using var lead = Client("lead");
        using var created = await lead.PostAsJsonAsync("api/cases", new { name });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        foreach (var role in new[] { "analyst", "auditor", "viewer" })
        {
            using var added = await lead.PostAsJsonAsync($"api/cases/{id}/members", new { user = role, role });
            Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        }

        return id;
    }

    /// <summary>Uploads files as the lead and follows the job's server-sent events until it ends; returns the last event.</summary>
    public Task<(long Job, JsonElement Last, int Events)> UploadAndWait(long caseId, params string[] files) => UploadAsAndWait(caseId, null, files);

    /// <summary>Uploads files of a kind (evidence, posts; null sends none) and follows the job.</summary>
    public async Task<(long Job, JsonElement Last, int Events)> UploadAsAndWait(long caseId, string? kind, params string[] files)
    {
        using var lead = Client("lead");
        using var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            form.Add(new StreamContent(File.OpenRead(file)), "file", Path.GetFileName(file));
        }

        using var uploaded = await lead.PostAsync($"api/cases/{caseId}/files{(kind is null ? string.Empty : "?kind=" + kind)}", form);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Accepted, $"{uploaded.StatusCode}: {await uploaded.Content.ReadAsStringAsync()}");
        var job = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job").GetInt64();
        var (last, events) = await FollowJob(lead, job);
        return (job, last, events);
    }

    public static async Task<(JsonElement Last, int Events)> FollowJob(HttpClient client, long job)
    {
        using var stream = await client.GetStreamAsync(new Uri($"api/jobs/{job}/events", UriKind.Relative));
        using var reader = new StreamReader(stream);
        JsonElement last = default;
        var events = 0;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                last = JsonDocument.Parse(line[6..]).RootElement.Clone();
                events++;
            }
        }

        return (last, events);
    }

    public static string Sample(string name) => Path.Combine(NodeScript.Repository(), "samples", "leaks", name);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        // xunit calls both DisposeAsync and Dispose on a fixture: stop the cluster once.
        if (!disposing || Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Postgres.Dispose();
        _data.Dispose();
    }

    /// <summary>Keeps every log line the server writes.</summary>
    private sealed class ListLog(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));

        public void Dispose()
        {
        }
    }
}

[CollectionDefinition("workspace")]
public sealed class WorkspaceGroup : ICollectionFixture<Workspace>
{
}

/// <summary>
/// The workspace on Mvc.Testing's TestServer (<see cref="WorkspaceFactory"/>) over its own PostgreSQL cluster: for
/// the API tests, which need no socket. The tests of Kestrel's limits and the browser tests use <see cref="Workspace"/>.
/// </summary>
public sealed class HostedWorkspace : Workspace
{
    public HostedWorkspace()
        : base(options => options, hosted: true)
    {
    }
}

[CollectionDefinition("hosted workspace")]
public sealed class HostedWorkspaceGroup : ICollectionFixture<HostedWorkspace>
{
}

/// <summary>
/// A workspace with a known-leak store that holds a synthetic owner's data (`synth owner`'s world: channels,
/// customers, access log, imported as `tracemark owner import` does) and one known leak (the owner's older leak), so
/// that cases are compared and traced. <see cref="Scenarios"/> are the owner's leaked samples.
/// </summary>
public sealed class TracedWorkspace : IAsyncLifetime, IDisposable
{
    private static readonly OwnerOptions Small = new() { Customers = 8_000, Outlets = 4, EmployeesPerOutlet = 8, Admins = 2, Partners = 2, ApiClients = 2 };
    private readonly TempDir _owner = new("ws-owner");

    public TracedWorkspace()
    {
        var world = OwnerWorld.Generate(Small, 9);
        Scenarios = OwnerFiles.Write(world, _owner.Path, 9, samplesPerKind: 1, sampleSize: 40, contamination: 0.2);
        Location = new StoreLocation(_owner.File("known.db"), _owner.File("known.key"));
        using (var store = KnownLeakStore.Open(Location, create: true))
        {
            var owner = new OwnerStore(store);
            owner.ImportChannels(_owner.File("channels.csv"));
            owner.ImportCustomers(_owner.File("customers.csv"));
            owner.ImportAccess(_owner.File("access.csv"));
            store.Ingest(new ScanOptions { Paths = [_owner.File("older-leak.csv")] }, "older-leak", "other", new DateOnly(2025, 6, 1), null);
        }

        PostFiles.Write(_owner.File("posts"), new PostOptions { Posts = 600, Seed = 3 });
        Ws = new Workspace(options => options with { KnownLeaks = Location.Store, KnownLeaksKey = Location.KeyFile });
    }

    /// <summary>A file of the synthetic post corpus (`synth posts`: Telegram, QQ, forum JSON Lines, plain text).</summary>
    public string Posts(string file) => Path.Combine(_owner.File("posts"), file);

    public Workspace Ws { get; }

    public StoreLocation Location { get; }

    public IReadOnlyList<ScenarioFile> Scenarios { get; }

    public string Scenario(string kind) => Path.Combine(_owner.Path, Scenarios.First(f => f.Kind == kind).File);

    public Task InitializeAsync() => Ws.InitializeAsync();

    public Task DisposeAsync() => Ws.DisposeAsync();

    public void Dispose()
    {
        Ws.Dispose();
        _owner.Dispose();
    }
}

[CollectionDefinition("traced workspace")]
public sealed class TracedWorkspaceGroup : ICollectionFixture<TracedWorkspace>
{
}
