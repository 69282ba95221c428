using System.Diagnostics;

namespace Tracemark.Tests;

/// <summary>Runs the Node scripts of scripts/web (./test.sh installs their packages and Chromium).</summary>
public static class NodeScript
{
    /// <summary>The repository root (where Tracemark.slnx is).</summary>
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

    /// <summary>Runs `node ARGS` in scripts/web and returns the exit code and both outputs.</summary>
    public static Task<(int Exit, string Output, string Error)> Run(params string[] args) => RunWith(new Dictionary<string, string>(), args);

    /// <summary>Runs `node ARGS` in scripts/web with extra environment variables (e.g. another font configuration).</summary>
    public static async Task<(int Exit, string Output, string Error)> RunWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Path.Combine(Repository(), "scripts", "web"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

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
