using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tracemark.Exposure;
using Tracemark.Exposure.Crypto;
using Tracemark.Exposure.Index;

namespace Tracemark.Server;

/// <summary>How to serve an exposure index.</summary>
public sealed record ServeOptions
{
    /// <summary>The folder <c>tracemark publish</c> wrote.</summary>
    public required string Index { get; init; }

    /// <summary>The exposure key file (default: the publisher's).</summary>
    public string? KeyFile { get; init; }

    /// <summary>Kestrel URLs, e.g. http://127.0.0.1:8080 (port 0 picks a free one).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8080"];

    /// <summary>Evaluate requests one client (IP address) may make per minute; each holds up to 32 elements.</summary>
    public int EvaluationsPerMinute { get; init; } = 30;

    /// <summary>Log level for the server's own messages (requests are never logged with their bodies or addresses).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;
}

/// <summary>
/// The public exposure check over HTTP: the VOPRF evaluation (rate-limited per client), the static bucket files,
/// the config, a health check and the check page. Stateless: nothing about who asked what is stored or logged.
/// </summary>
public static class ExposureServer
{
    /// <summary>Most blinded elements one request may carry.</summary>
    public const int MaxBatch = 32;

    /// <summary>Builds the application; <see cref="WebApplication.RunAsync(string?)"/> serves it until shutdown.</summary>
    public static WebApplication Build(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = IndexConfig.Read(options.Index);
        var key = ExposureKey.Open(options.KeyFile ?? ExposureKey.DefaultPath(), create: false).ForEpoch(config.Epoch);
        if (Convert.ToBase64String(key.Public) != config.PublicKey)
        {
            throw new ExposureException($"the key file does not hold the key of {options.Index} (epoch {config.Epoch}): its public key differs; serve with the key it was published with (--key)");
        }

        var buckets = Path.Combine(Path.GetFullPath(options.Index), "buckets");
        var web = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, WebRootPath = web });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(options.LogLevel);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = 16 * 1024;
        });
        // Graceful shutdown: on SIGTERM/Ctrl+C Kestrel stops accepting and lets running requests finish.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellation) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Error(context.HttpContext.Response, $"too many checks from this address: try again in {Math.Ceiling(retry.TotalSeconds)} s", cancellation).ConfigureAwait(false);
            };
            limiter.AddPolicy("evaluate", http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.EvaluationsPerMinute,
                    TokensPerPeriod = options.EvaluationsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });

        var app = builder.Build();
        // Buckets first, by hand: they are the bulk of the traffic, every file has one size and one publish, so the
        // headers are fixed and the file is sent as is — a quarter of the static-file middleware's work per request.
        var bucketBytes = (long)config.EntriesPerBucket * config.EntryBytes;
        var etagPrefix = $"\"{config.Epoch}-{config.Published.Ticks:x}-";
        app.Use((http, next) => ServeBucket(http, next, buckets, bucketBytes, etagPrefix));
        app.UseRouting();
        app.UseRateLimiter();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(web),
            OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "no-cache",
        });

        // Any other path under /v1/buckets gets a plain answer instead of an empty 404.
        ((IApplicationBuilder)app).Map(new PathString("/v1/buckets"), branch => branch.Run(http =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Error(http.Response, $"'{http.Request.Path.Value?.TrimStart('/')}' is not a bucket: buckets are named by 4 lower-case hex digits (0000–ffff) within the index's prefix", http.RequestAborted);
        }));

        var configJson = JsonSerializer.SerializeToUtf8Bytes(config, ExposureJson.Default.IndexConfig);
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/v1/oprf/config", () => Results.Bytes(configJson, "application/json"));
        app.MapPost("/v1/oprf/evaluate", (HttpContext http) => Evaluate(http, key)).RequireRateLimiting("evaluate");
        return app;
    }

    private static Task ServeBucket(HttpContext http, RequestDelegate next, string buckets, long bytes, string etagPrefix)
    {
        var path = http.Request.Path.Value;
        if (path is not { Length: 16 } || !path.StartsWith("/v1/buckets/", StringComparison.Ordinal) || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
        {
            return next(http);
        }

        var name = path.AsSpan(12);
        foreach (var c in name)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return next(http);
            }
        }

        var file = Path.Combine(buckets, name.ToString());
        if (!File.Exists(file))
        {
            return next(http);
        }

        var response = http.Response;
        var etag = etagPrefix + path[12..] + "\"";
        response.Headers.CacheControl = "public, max-age=3600";
        response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch == etag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = "application/octet-stream";
        response.ContentLength = bytes;
        return HttpMethods.IsHead(http.Request.Method) ? Task.CompletedTask : response.SendFileAsync(file, http.RequestAborted);
    }

    private static async Task Evaluate(HttpContext http, KeyPair key)
    {
        byte[] blinded;
        try
        {
            blinded = await ReadBlinded(http.Request).ConfigureAwait(false);
        }
        catch (BadRequest e)
        {
            http.Response.StatusCode = e.Status;
            await Error(http.Response, e.Message, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var evaluated = new byte[blinded.Length];
        var proof = new byte[OprfSuite.ProofBytes];
        OprfSuite.Voprf.BlindEvaluate(key.Secret, blinded, evaluated);
        OprfSuite.Voprf.GenerateProof(key.Secret, OprfSuite.Generator, key.Public, blinded, evaluated, proof);
        var elements = new string[blinded.Length / OprfSuite.ElementBytes];
        for (var i = 0; i < elements.Length; i++)
        {
            elements[i] = Convert.ToBase64String(evaluated, i * OprfSuite.ElementBytes, OprfSuite.ElementBytes);
        }

        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsJsonAsync(new { evaluatedElements = elements, proof = Convert.ToBase64String(proof) }, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Reads {"blindedElements":[base64…]}: 1–32 canonical, non-identity ristretto255 elements.</summary>
    private static async Task<byte[]> ReadBlinded(HttpRequest request)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequest("send JSON (Content-Type: application/json): {\"blindedElements\":[\"<base64 of 32 bytes>\", …]}", StatusCodes.Status415UnsupportedMediaType);
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new BadRequest($"the body is not JSON: {e.Message}");
        }
        catch (BadHttpRequestException e)
        {
            throw new BadRequest(e.Message, e.StatusCode);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("blindedElements", out var list) || list.ValueKind != JsonValueKind.Array)
            {
                throw new BadRequest("expected {\"blindedElements\":[\"<base64 of 32 bytes>\", …]}");
            }

            var count = list.GetArrayLength();
            if (count == 0 || count > MaxBatch)
            {
                throw new BadRequest($"send 1 to {MaxBatch} blinded elements (got {count})");
            }

            var blinded = new byte[count * OprfSuite.ElementBytes];
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var element = blinded.AsSpan(i * OprfSuite.ElementBytes, OprfSuite.ElementBytes);
                if (item.ValueKind != JsonValueKind.String || !Convert.TryFromBase64String(item.GetString()!, element, out var written))
                {
                    throw new BadRequest($"blindedElements[{i}] is not base64 of 32 bytes");
                }

                if (written != OprfSuite.ElementBytes)
                {
                    throw new BadRequest($"blindedElements[{i}] is {written} bytes; a ristretto255 element is 32");
                }

                if (!OprfSuite.IsValidElement(element))
                {
                    throw new BadRequest($"blindedElements[{i}] is not a canonical ristretto255 element (or is the identity)");
                }

                i++;
            }

            return blinded;
        }
    }

    private static Task Error(HttpResponse response, string message, CancellationToken cancellation) =>
        response.WriteAsJsonAsync(new { error = message }, cancellation);

    private sealed class BadRequest(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
    {
        public int Status { get; } = status;
    }
}
