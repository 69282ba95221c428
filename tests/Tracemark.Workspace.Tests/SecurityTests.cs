using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tracemark.Scanning;
using Tracemark.Tests;

namespace Tracemark.Workspace.Tests;

/// <summary>Sessions, CSRF, headers, rate and size limits, slow clients, logs, and raw files never served.</summary>
[Collection("workspace")]
public sealed partial class SecurityTests(Workspace ws)
{
    /// <summary>A browser-like session by hand: Secure cookies are kept and sent over loopback HTTP as browsers do.</summary>
    private sealed class Session(Uri root) : IDisposable
    {
        private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = root };
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public List<string> SetCookies { get; } = [];

        public async Task<HttpResponseMessage> Send(HttpRequestMessage request)
        {
            if (_cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await _http.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    SetCookies.Add(cookie);
                    var pair = cookie.Split(';')[0].Split('=', 2);
                    _cookies[pair[0]] = pair[1];
                }
            }

            return response;
        }

        public async Task<string> Token(string path)
        {
            using var page = await Send(new HttpRequestMessage(HttpMethod.Get, path));
            return CsrfField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        }

        public async Task<HttpResponseMessage> Login(string name, string password, string? token = null)
        {
            token ??= await Token("login");
            return await Send(new HttpRequestMessage(HttpMethod.Post, "login") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = name, ["password"] = password, ["__RequestVerificationToken"] = token }) });
        }

        public void Dispose() => _http.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [Fact]
    public async Task Login_sets_an_HttpOnly_Secure_SameSite_session_and_the_pages_need_it()
    {
        using var session = new Session(ws.Base);
        using var login = await session.Login("lead", Workspace.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = session.SetCookies.Single(c => c.StartsWith(WorkspaceServer.CookieName + "=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.All(session.SetCookies, c => Assert.Contains("httponly", c.ToLowerInvariant(), StringComparison.Ordinal));

        using var cases = await session.Send(new HttpRequestMessage(HttpMethod.Get, ""));
        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
        Assert.Contains("new-case", await cases.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var wrong = new Session(ws.Base);
        using var refused = await wrong.Login("lead", "not the password");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain(wrong.SetCookies, c => c.StartsWith(WorkspaceServer.CookieName + "=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Forms_and_cookie_API_calls_without_the_antiforgery_token_are_refused()
    {
        using var session = new Session(ws.Base);
        // A login form posted without its token (a cross-site form) does not sign in.
        using var forged = await session.Login("lead", Workspace.Password, token: "forged");
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        using var login = await session.Login("lead", Workspace.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        using var noToken = await session.Send(new HttpRequestMessage(HttpMethod.Post, "api/cases") { Content = JsonContent.Create(new { name = "csrf " + Guid.NewGuid() }) });
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        using var form = await session.Send(new HttpRequestMessage(HttpMethod.Post, "cases") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "csrf form" }) });
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);

        var token = await session.Token("");
        var withToken = new HttpRequestMessage(HttpMethod.Post, "api/cases") { Content = JsonContent.Create(new { name = "csrf " + Guid.NewGuid() }) };
        withToken.Headers.Add(WorkspaceServer.CsrfHeader, token);
        using var created = await session.Send(withToken);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Theory]
    [InlineData("login")]
    [InlineData("healthz")]
    [InlineData("api/cases")]
    [InlineData("static/workspace.js")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var lead = ws.Client("lead");
        using var response = await lead.GetAsync(new Uri(path, UriKind.Relative));
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task The_pages_have_no_inline_script_or_style()
    {
        using var session = new Session(ws.Base);
        (await session.Login("lead", Workspace.Password)).Dispose();
        var id = await ws.NewCase("inline");
        await ws.UploadAndWait(id, Workspace.Sample("courier-waybills.csv"));
        foreach (var path in new[] { "login", "", $"cases/{id}", $"cases/{id}/audit", $"cases/{id}?lang=en" })
        {
            using var page = await session.Send(new HttpRequestMessage(HttpMethod.Get, path));
            var html = await page.Content.ReadAsStringAsync();
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
            Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
            Assert.DoesNotContain(" on", Regex.Replace(html, "<[^>]*>", m => Regex.IsMatch(m.Value, "\\son[a-z]+=") ? " on" : string.Empty), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Logins_are_rate_limited_per_address()
    {
        await using var limited = await Extra.Start(ws, o => o with { LoginsPerMinute = 3 });
        using var session = new Session(limited.Base);
        var token = await session.Token("login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            using var attempt = await session.Login("nobody", "wrong password", token);
            statuses.Add(attempt.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Request_bodies_are_bounded()
    {
        using var lead = ws.Client("lead");
        using var huge = await lead.PostAsync(new Uri("api/cases", UriKind.Relative), new StringContent("{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        await using var small = await Extra.Start(ws, o => o with { MaxUploadBytes = 1000 });
        using var client = small.Client();
        var id = (await (await client.PostAsJsonAsync("api/cases", new { name = "small" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[5000]), "file", "big.csv" } };
        using var tooLarge = await client.PostAsync(new Uri($"api/cases/{id}/files", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Empty(Directory.GetFiles(Path.Combine(small.Data, "incoming")));
        Assert.Empty(Directory.GetFiles(Path.Combine(small.Data, "files")));
    }

    [Fact]
    public async Task A_client_that_never_finishes_its_headers_is_cut_off()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, ws.Base.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: "));
        // Kestrel's default would wait 30 s; the server's limit (2 s in these tests) closes the connection first.
        Assert.True(await Closed(stream, TimeSpan.FromSeconds(25)));
    }

    [Fact]
    public async Task A_client_that_trickles_its_body_is_cut_off()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, ws.Base.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /api/cases HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {ws.Tokens["lead"]}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{{\"name\":\""));
        using var trickle = new CancellationTokenSource();
        var sending = Task.Run(async () =>
        {
            try
            {
                while (!trickle.IsCancellationRequested)
                {
                    await stream.WriteAsync("x"u8.ToArray(), trickle.Token);
                    await Task.Delay(500, trickle.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // the server closed the connection, or the test ended
            }
        });
        var answer = await ReadAll(stream, TimeSpan.FromSeconds(25));
        await trickle.CancelAsync();
        await sending;
        Assert.NotNull(answer);
        Assert.True(answer.Length == 0 || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal), answer);
    }

    [Fact]
    public async Task The_server_log_holds_no_identifier_and_uploaded_files_are_never_served_back()
    {
        var id = await ws.NewCase("logs");
        var file = Workspace.Sample("courier-waybills.csv");
        await ws.UploadAndWait(id, file);
        using var lead = ws.Client("lead");
        (await lead.PostAsJsonAsync($"api/cases/{id}/reveal", new { finding = "mobile:0" })).Dispose();
        var files = await lead.GetFromJsonAsync<JsonElement>($"api/cases/{id}/files");
        var fileId = files[0].GetProperty("id").GetInt64();

        var direct = Scanner.Scan(new ScanOptions { Paths = [file] });
        var log = string.Join("\n", ws.Log);
        foreach (var value in direct.Examples.SelectMany(e => e.Value))
        {
            Assert.DoesNotContain(value, log, StringComparison.Ordinal);
        }

        var head = Encoding.UTF8.GetString(File.ReadAllBytes(file).AsSpan(0, 200));
        foreach (var path in new[] { $"files/{fileId}", $"static/../files/{fileId}", $"api/cases/{id}/files/{fileId}", $"static/{fileId}", $"api/files/{fileId}" })
        {
            using var response = await lead.GetAsync(new Uri(path, UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(head[..60], await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    private static async Task<bool> Closed(NetworkStream stream, TimeSpan limit) => await ReadAll(stream, limit) is not null;

    /// <summary>Everything the server sends until it closes the connection; null if it is still open after <paramref name="limit"/>.</summary>
    private static async Task<string?> ReadAll(NetworkStream stream, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var buffer = new byte[4096];
        var text = new StringBuilder();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                text.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            return text.ToString();
        }
        catch (IOException)
        {
            return text.ToString();
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>A second server on its own database and data folder, for limits the shared one must not have.</summary>
    private sealed class Extra : IAsyncDisposable
    {
        private readonly Microsoft.AspNetCore.Builder.WebApplication _app;
        private readonly TempDir _data;
        private readonly string _token;

        private Extra(Microsoft.AspNetCore.Builder.WebApplication app, TempDir data, string token) => (_app, _data, _token) = (app, data, token);

        public Uri Base => new(_app.Urls.First() + "/");

        public string Data => _data.Path;

        public HttpClient Client()
        {
            var client = new HttpClient { BaseAddress = Base };
            client.DefaultRequestHeaders.Authorization = new("Bearer", _token);
            return client;
        }

        public static async Task<Extra> Start(Workspace ws, Func<WorkspaceOptions, WorkspaceOptions> change)
        {
            var database = ws.Postgres.NewDatabase();
            var token = WorkspaceAdmin.AddUser(database, "lead", "lead", Workspace.Password).Token;
            var data = new TempDir("workspace-extra");
            var app = WorkspaceServer.Build(change(Workspace.Options(database, data.Path)));
            await app.StartAsync();
            return new Extra(app, data, token);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _data.Dispose();
        }
    }
}
