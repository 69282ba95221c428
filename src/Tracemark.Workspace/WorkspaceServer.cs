using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracemark.Reports;
using Tracemark.Store.Workspace;

namespace Tracemark.Workspace;

/// <summary>
/// The investigator workspace (docs/server.md): one process serving the API under /api (bearer tokens), the pages
/// (cookie sessions, antiforgery tokens on every form), the OpenAPI document and the scan queue, over PostgreSQL.
/// Everything but /healthz and the login page needs a signed-in user.
/// </summary>
public static class WorkspaceServer
{
    internal const string CookieName = "tracemark_session";
    internal const string CsrfHeader = "X-CSRF-TOKEN";

    /// <summary>Migrates the database and builds the application; <see cref="WebApplication.RunAsync(string?)"/> serves it.</summary>
    public static WebApplication Build(WorkspaceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var db = Workspaces.OpenPostgres(options.Database);
        Directory.CreateDirectory(Path.Combine(options.Data, "files"));
        Directory.CreateDirectory(Path.Combine(options.Data, "incoming"));
        Directory.CreateDirectory(Path.Combine(options.Data, "results"));

        var web = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, WebRootPath = web });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.LogLevel);
        // Request paths and bodies can carry case names or values: the framework's request logs stay off.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // It warns that keys are stored unencrypted: they are, in a folder only the server's user can read.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        if (options.ExtraLog is { } extra)
        {
            builder.Logging.AddProvider(extra);
        }

        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Small by default; the upload endpoint raises its own limit to the configured maximum.
            k.Limits.MaxRequestBodySize = 1024 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.RequestHeadersTimeout = options.HeadersTimeout;
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            k.Limits.MinRequestBodyDataRate = new MinDataRate(options.MinBodyBytesPerSecond, options.BodyRateGrace);
            k.Limits.MinResponseDataRate = new MinDataRate(options.MinBodyBytesPerSecond, options.BodyRateGrace);
            k.Limits.MaxConcurrentConnections = 2000;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, WorkspaceJson.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, ReportJson.Contracts);
        });
        builder.Services.AddSingleton(db);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<Accounts>();
        builder.Services.AddSingleton<AuditLog>();
        // The summaries and memberships the read paths keep in memory (one server process per database).
        builder.Services.AddSingleton<CaseCache<byte[]>>();
        builder.Services.AddSingleton<CaseCache<CaseRecord>>();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddHostedService(s => s.GetRequiredService<JobRunner>());
        builder.Services.AddSingleton<Api>();
        builder.Services.AddOpenApi("v1");
        // Session cookies and antiforgery tokens stay valid across restarts: the keys live with the data (mode 0700).
        var keys = Directory.CreateDirectory(Path.Combine(options.Data, "keys"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keys.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        builder.Services.AddDataProtection().SetApplicationName("tracemark-workspace").PersistKeysToFileSystem(keys);
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfHeader;
            o.Cookie.Name = "tracemark_csrf";
            // Secure whenever the request is HTTPS (ASP.NET refuses to issue an Always-secure token cookie over plain
            // HTTP, which loopback use needs); the session cookie below is always Secure.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
        });
        builder.Services.AddAuthentication("auto")
            .AddPolicyScheme("auto", "bearer or cookie", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerHandler.Name : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerHandler>(BearerHandler.Name, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SecurePolicy = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.Events.OnRedirectToLogin = c => Pages.Unauthenticated(c.HttpContext);
                o.Events.OnRedirectToAccessDenied = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy("login", http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.LoginsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        var app = builder.Build();
        app.Use(SecurityHeaders);
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(web), RequestPath = "/static" });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(CookieCallsNeedCsrf);

        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.Services.GetRequiredService<Api>().Map(app);
        Pages.Map(app);
        return app;
    }

    /// <summary>Headers on every answer: no inline script or framing, no sniffing, nothing cached or referred.</summary>
    private static Task SecurityHeaders(HttpContext http, RequestDelegate next)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (!http.Request.Path.StartsWithSegments("/static"))
        {
            headers.CacheControl = "no-store";
        }

        return next(http);
    }

    /// <summary>
    /// A browser's cookie comes with every request to the server, so an API call that changes something on a cookie
    /// session must carry the page's antiforgery token (X-CSRF-TOKEN); bearer calls cannot be forged that way.
    /// </summary>
    private static async Task CookieCallsNeedCsrf(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
            && http.User.Identity is { IsAuthenticated: true, AuthenticationType: not BearerHandler.Name })
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            // Without the header the check would read the form, which for an upload is the whole file.
            if (!http.Request.Headers.ContainsKey(CsrfHeader) || !await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsJsonAsync(new WorkspaceError($"a call from a signed-in page needs the page's {CsrfHeader} header"), ReportJson.EscapedInfo<WorkspaceError>()).ConfigureAwait(false);
                return;
            }
        }

        await next(http).ConfigureAwait(false);
    }
}
