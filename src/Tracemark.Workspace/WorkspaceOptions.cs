using Microsoft.Extensions.Logging;

namespace Tracemark.Workspace;

/// <summary>How to run the workspace server.</summary>
public sealed record WorkspaceOptions
{
    /// <summary>The PostgreSQL database (postgres://user:password@host:port/database).</summary>
    public required string Database { get; init; }

    /// <summary>Where uploaded evidence and scan results are kept (default ~/.local/share/tracemark/workspace).</summary>
    public string? DataFolder { get; init; }

    /// <summary>A known-leak store to compare every upload with (any `--store` location), or none.</summary>
    public string? KnownLeaks { get; init; }

    /// <summary>The known-leak store's key file, when not the default.</summary>
    public string? KnownLeaksKey { get; init; }

    /// <summary>Kestrel URLs, e.g. http://127.0.0.1:8090 (port 0 picks a free one).</summary>
    public IReadOnlyList<string> Urls { get; init; } = ["http://127.0.0.1:8090"];

    /// <summary>The largest upload one request may carry (all its files together).</summary>
    public long MaxUploadBytes { get; init; } = 10L * 1024 * 1024 * 1024;

    /// <summary>Login attempts one client address may make per minute.</summary>
    public int LoginsPerMinute { get; init; } = 10;

    /// <summary>How long a client may take to send its request headers.</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The slowest request body a client may send (bytes a second, after a grace period).</summary>
    public double MinBodyBytesPerSecond { get; init; } = 1024;

    /// <summary>Grace before <see cref="MinBodyBytesPerSecond"/> applies.</summary>
    public TimeSpan BodyRateGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Mark cookies Secure (the default). Only for a plain-HTTP deployment behind nothing — never on a network —
    /// may this be turned off; browsers keep Secure cookies on http://localhost and 127.0.0.1 anyway.
    /// </summary>
    public bool SecureCookies { get; init; } = true;

    /// <summary>Log level of the server's own messages (never with identifiers, request bodies or file names).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>Extra log output (the tests read what the server logs).</summary>
    internal ILoggerProvider? ExtraLog { get; init; }

    internal string Data => DataFolder ?? Path.Combine(Tracemark.Store.StoreLocation.DataFolder(), "workspace");
}
