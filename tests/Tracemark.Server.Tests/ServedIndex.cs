using System.Diagnostics;
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

    /// <summary>The repository root (where Tracemark.slnx is), for the Node scripts under scripts/web.</summary>
    public static string Repository()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Tracemark.slnx")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Runs a Node script of scripts/web (test.sh installs its packages) and returns exit code and output.</summary>
    public static async Task<(int Exit, string Output, string Error)> Node(params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Path.Combine(Repository(), "scripts", "web"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
