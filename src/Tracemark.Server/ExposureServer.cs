using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
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
using Tracemark.Exposure.Index;
using Tracemark.Reports;

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
        var key = ExposureEvaluator.Open(options.KeyFile, config.Epoch);
        if (key.PublicKey != config.PublicKey)
        {
            throw new ExposureException($"the key file does not hold the key of {options.Index} (epoch {config.Epoch}): its public key differs; serve with the key it was published with (--exposure-key)");
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
        app.Use((http, next) => ServeBucket(http, next, "/v1/buckets/", buckets, bucketBytes, etagPrefix));
        if (config.CredentialsPerBucket > 0)
        {
            // Credential buckets (publish --credentials), named by the account hash's prefix: the same fixed files.
            var credentials = Path.Combine(Path.GetFullPath(options.Index), "credentials");
            app.Use((http, next) => ServeBucket(http, next, "/v1/credentials/", credentials, (long)config.CredentialsPerBucket * config.EntryBytes, etagPrefix + "c"));
        }

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
        ((IApplicationBuilder)app).Map(new PathString("/v1/credentials"), branch => branch.Run(http =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Error(http.Response, $"'{http.Request.Path.Value?.TrimStart('/')}' is not a credential bucket: they are named by 4 lower-case hex digits (0000–ffff) within the index's prefix, and exist only when the index was published with --credentials", http.RequestAborted);
        }));

        var configJson = config.ToUtf8Json();
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/v1/oprf/config", () => Results.Bytes(configJson, "application/json"));
        app.MapPost("/v1/oprf/evaluate", (HttpContext http) => Evaluate(http, key)).RequireRateLimiting("evaluate");
        return app;
    }

    private static Task ServeBucket(HttpContext http, RequestDelegate next, string prefix, string buckets, long bytes, string etagPrefix)
    {
        var path = http.Request.Path.Value;
        if (path is null || path.Length != prefix.Length + 4 || !path.StartsWith(prefix, StringComparison.Ordinal) || !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)))
        {
            return next(http);
        }

        var name = path.AsSpan(prefix.Length);
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
        var etag = etagPrefix + path[prefix.Length..] + "\"";
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

    private static async Task Evaluate(HttpContext http, ExposureEvaluator key)
    {
        var response = http.Response;
        try
        {
            var blinded = await ReadBlinded(http.Request).ConfigureAwait(false);
            response.ContentLength = WriteAnswer(response.BodyWriter, key, blinded);
        }
        catch (BadRequest e)
        {
            response.StatusCode = e.Status;
            await Error(response, e.Message, http.RequestAborted).ConfigureAwait(false);
            return;
        }

        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/json; charset=utf-8";
        await response.BodyWriter.FlushAsync(http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Evaluates and writes {"evaluatedElements":[base64…],"proof":base64} straight into the response pipe. By hand
    /// because the shape is fixed and every value is base64 (nothing to escape): the serializer's per-request arrays,
    /// strings and writer cost more than the JSON is worth beside the curve arithmetic.
    /// </summary>
    private static int WriteAnswer(PipeWriter writer, ExposureEvaluator key, ReadOnlySpan<byte> blinded)
    {
        Span<byte> evaluated = stackalloc byte[MaxBatch * ExposureEvaluator.ElementBytes];
        evaluated = evaluated[..blinded.Length];
        Span<byte> proof = stackalloc byte[ExposureEvaluator.ProofBytes];
        if (!key.TryEvaluate(blinded, evaluated, proof, out var bad))
        {
            throw new BadRequest($"blindedElements[{bad}] is not a canonical ristretto255 element (or is the identity)");
        }

        const int QuotedElement = 2 + 44;
        var count = blinded.Length / ExposureEvaluator.ElementBytes;
        var length = AnswerStart.Length + (count * QuotedElement) + (count - 1) + AnswerProof.Length + 88 + AnswerEnd.Length;
        var span = writer.GetSpan(length);
        var at = 0;
        Append(span, ref at, AnswerStart);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }

            span[at++] = (byte)'"';
            Base64.EncodeToUtf8(evaluated.Slice(i * ExposureEvaluator.ElementBytes, ExposureEvaluator.ElementBytes), span[at..], out _, out var written);
            at += written;
            span[at++] = (byte)'"';
        }

        Append(span, ref at, AnswerProof);
        Base64.EncodeToUtf8(proof, span[at..], out _, out var proofWritten);
        at += proofWritten;
        Append(span, ref at, AnswerEnd);
        writer.Advance(at);
        return at;
    }

    private static void Append(Span<byte> span, ref int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(span[at..]);
        at += text.Length;
    }

    private static ReadOnlySpan<byte> AnswerStart => "{\"evaluatedElements\":["u8;

    private static ReadOnlySpan<byte> AnswerProof => "],\"proof\":\""u8;

    private static ReadOnlySpan<byte> AnswerEnd => "\"}"u8;

    /// <summary>Reads {"blindedElements":[base64…]}: 1–32 canonical, non-identity ristretto255 elements.</summary>
    private static async Task<byte[]> ReadBlinded(HttpRequest request)
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadRequest("send JSON (Content-Type: application/json): {\"blindedElements\":[\"<base64 of 32 bytes>\", …]}", StatusCodes.Status415UnsupportedMediaType);
        }

        // The body is at most Kestrel's 16 KiB limit: buffer it in the request pipe and parse it in place, without
        // building a document (JsonDocument's tree costs more than parsing these few hundred bytes).
        var body = request.BodyReader;
        ReadResult read;
        try
        {
            while (true)
            {
                read = await body.ReadAsync().ConfigureAwait(false);
                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }

                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
        }
        catch (BadHttpRequestException e)
        {
            throw new BadRequest(e.Message, e.StatusCode);
        }

        try
        {
            return ParseBlinded(read.Buffer);
        }
        finally
        {
            body.AdvanceTo(read.Buffer.End);
        }
    }

    private static byte[] ParseBlinded(ReadOnlySequence<byte> body)
    {
        const string Shape = "expected {\"blindedElements\":[\"<base64 of 32 bytes>\", …]}";
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new BadRequest(Shape);
            }

            Span<byte> elements = stackalloc byte[MaxBatch * ExposureEvaluator.ElementBytes];
            var count = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isList = reader.ValueTextEquals("blindedElements"u8);
                reader.Read();
                if (!isList)
                {
                    reader.Skip();
                    continue;
                }

                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new BadRequest(Shape);
                }

                count = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (count < MaxBatch)
                    {
                        DecodeElement(ref reader, count, elements.Slice(count * ExposureEvaluator.ElementBytes, ExposureEvaluator.ElementBytes));
                    }
                    else
                    {
                        reader.Skip();
                    }

                    count++;
                }
            }

            // Read to the end so a truncated body or trailing bytes are refused like any other malformed JSON.
            while (reader.Read())
            {
            }

            if (count < 0)
            {
                throw new BadRequest(Shape);
            }

            if (count == 0 || count > MaxBatch)
            {
                throw new BadRequest($"send 1 to {MaxBatch} blinded elements (got {count})");
            }

            return elements[..(count * ExposureEvaluator.ElementBytes)].ToArray();
        }
        catch (JsonException e)
        {
            throw new BadRequest($"the body is not JSON: {e.Message}");
        }
    }

    private static void DecodeElement(ref Utf8JsonReader reader, int index, scoped Span<byte> element)
    {
        // 44 base64 characters make 32 bytes; a JSON escape is at most 6 bytes a character, so a longer string cannot
        // be an element and never needs a buffer of its own.
        Span<byte> text = stackalloc byte[6 * 48];
        Span<byte> decoded = stackalloc byte[48];
        if (reader.TokenType != JsonTokenType.String || (reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length) > text.Length)
        {
            throw new BadRequest($"blindedElements[{index}] is not base64 of 32 bytes");
        }

        var length = reader.CopyString(text);
        if (Base64.DecodeFromUtf8(text[..length], decoded, out _, out var written) != OperationStatus.Done)
        {
            throw new BadRequest($"blindedElements[{index}] is not base64 of 32 bytes");
        }

        if (written != ExposureEvaluator.ElementBytes)
        {
            throw new BadRequest($"blindedElements[{index}] is {written} bytes; a ristretto255 element is 32");
        }

        decoded[..ExposureEvaluator.ElementBytes].CopyTo(element);
    }

    /// <summary>
    /// A refusal in the one error contract every Tracemark output uses (docs/design.md, "Contracts"):
    /// {"errors":[{"source":"POST /v1/oprf/evaluate","record":null,"message":"…"}]}.
    /// </summary>
    private static Task Error(HttpResponse response, string message, CancellationToken cancellation)
    {
        response.ContentType = "application/json; charset=utf-8";
        var request = response.HttpContext.Request;
        return ReportJson.WriteLineAsync(ProblemsReport.Request($"{request.Method} {request.Path.Value}", message), response.Body, cancellation);
    }

    private sealed class BadRequest(string message, int status = StatusCodes.Status400BadRequest) : Exception(message)
    {
        public int Status { get; } = status;
    }
}
