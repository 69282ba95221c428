using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Tracemark.Store.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>`tracemark server`, `server user add` and `server audit verify` end to end on a real PostgreSQL.</summary>
public sealed class ServerCommandTests : IClassFixture<PostgresServer>
{
    private readonly PostgresServer _pg;

    public ServerCommandTests(PostgresServer pg) => _pg = pg;

    [Fact]
    public void User_add_prints_the_token_once_on_standard_output_and_refuses_a_taken_name()
    {
        var db = _pg.NewDatabase();
        var r = Cli.Run("server", "user", "add", "王芳", "--role", "analyst", "--password", "long enough pass", "--db", db);
        Assert.Equal(0, r.Exit);
        Assert.Matches("^tm_[0-9a-f]{16}_[A-Za-z0-9_-]{43}\n$", r.Out);
        Assert.Contains("王芳", r.Error, StringComparison.Ordinal);

        var json = Cli.Run("server", "user", "add", "li", "--role", "lead", "--db", db, "--json");
        Assert.Equal(0, json.Exit);
        using var doc = JsonDocument.Parse(json.Out);
        Assert.Equal("li", doc.RootElement.GetProperty("user").GetString());
        Assert.StartsWith("tm_", doc.RootElement.GetProperty("token").GetString(), StringComparison.Ordinal);

        var again = Cli.Run("server", "user", "add", "li", "--role", "viewer", "--db", db);
        Assert.Equal(1, again.Exit);
        Assert.Empty(again.Out);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("server", "user", "add", "x", "--role", "admin", "--db", "DB")]
    [InlineData("server", "user", "add", "x", "--role", "lead")]
    [InlineData("server", "user", "add", "x", "--role", "lead", "--db", "/tmp/store.db")]
    [InlineData("server", "user", "add", "x", "--role", "lead", "--password", "short", "--db", "DB")]
    [InlineData("server", "audit", "verify", "--db", "mysql://x")]
    public void Bad_usage_is_exit_2_with_one_line_and_no_output(params string[] args)
    {
        var db = _pg.NewDatabase();
        var r = Cli.Run([.. args.Select(a => a == "DB" ? db : a)]);
        Assert.Equal(2, r.Exit);
        Assert.Empty(r.Out);
        Assert.Single(r.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Audit_verify_reports_an_intact_chain_and_the_server_starts_migrates_and_answers()
    {
        var db = _pg.NewDatabase();
        var token = Cli.Run("server", "user", "add", "lead", "--role", "lead", "--db", db).Out.Trim();
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var data = new Tracemark.Tests.TempDir("server-cli");
        using var server = Child.Start(["server", "--db", db, "--urls", $"http://127.0.0.1:{port}", "--data", data.Path]);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            // The child writes its address to standard error once it listens.
            var line = await server.StandardError.ReadLineAsync();
            Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
            Assert.Equal("ok", await http.GetStringAsync(new Uri("healthz", UriKind.Relative)));
            using var anonymous = await http.GetAsync(new Uri("api/cases", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            using var created = await http.PostAsync(new Uri("api/cases", UriKind.Relative), new StringContent("{\"name\":\"cli\"}", System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        var verify = Cli.Run("server", "audit", "verify", "--db", db);
        Assert.Equal(0, verify.Exit);
        Assert.Contains("intact", verify.Out, StringComparison.Ordinal);
        Assert.Contains("1 audit entries", verify.Out, StringComparison.Ordinal);
    }
}
