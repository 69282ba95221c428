using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tracemark.Exposure.Index;
using Tracemark.Exposure.Tests;
using Tracemark.Tests;

namespace Tracemark.Server.Tests;

/// <summary>Two synthetic leaks published and served on a free loopback port (shared by a test class).</summary>
public sealed class ServedIndex : IAsyncLifetime, IDisposable
{
    private readonly TempDir _dir = new("serve");
    private WebApplication? _app;

    public Uri Base { get; private set; } = null!;

    public string Index => _dir.File("index");

    public string Key => _dir.File("exposure.key");

    public int Rate { get; init; } = 10_000;

    public async Task InitializeAsync()
    {
        var (store, courier, loan) = Fixtures.TwoLeaks(_dir);
        using (store)
        {
            Publisher.Publish(store, new PublishOptions { Out = Index, Paths = [courier, loan], PrefixBits = 8, KeyFile = Key, Workers = 2 });
        }

        _app = await Start(Index, Key, Rate);
        Base = Address(_app);
    }

    public static async Task<WebApplication> Start(string index, string key, int rate)
    {
        var app = ExposureServer.Build(new ServeOptions { Index = index, KeyFile = key, Urls = ["http://127.0.0.1:0"], EvaluationsPerMinute = rate });
        await app.StartAsync();
        return app;
    }

    public static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Runs a Node script of scripts/web and returns exit code and output.</summary>
    public static Task<(int Exit, string Output, string Error)> Node(params string[] args) => NodeScript.Run(args);
}
