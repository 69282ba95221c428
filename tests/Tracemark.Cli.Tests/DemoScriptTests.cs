using System.Diagnostics;
using System.Globalization;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>
/// `./demo.sh` leaves no process running (issue 17 point 4). The demo starts `tracemark serve` in the background
/// with scripts/demo/background.sh; these tests run that mechanism in a bash script with a long `sleep` standing in
/// for the server — the demo itself takes minutes — and check that the background program is gone once the script
/// has ended normally, failed under `set -e`, or been interrupted (SIGINT, as Ctrl+C) or terminated. Without the
/// traps, or with $! naming a subshell instead of the program, the sleep survives and the tests fail.
/// </summary>
public sealed class DemoScriptTests
{
    private static string Background => Path.Combine(NodeScript.Repository(), "scripts", "demo", "background.sh");

    [Theory]
    [InlineData("ended", "true", 0)]
    [InlineData("failed", "false", 1)]
    [InlineData("stopped early", "stop_background; echo stopped >&2", 0)]
    public async Task The_background_job_is_stopped_when_the_script_ends(string how, string then, int exit)
    {
        var (script, pid) = await Start(then + "\n");
        try
        {
            await script.WaitForExitAsync();
            Assert.Equal(exit, script.ExitCode);
            Assert.False(Alive(pid), $"the background job {pid} outlived a script that {how}");
        }
        finally
        {
            Reap(script, pid);
        }
    }

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task The_background_job_is_stopped_when_the_script_is_interrupted(string signal, int exit)
    {
        // The script waits on its job, as the demo waits on a command while the server runs; the signal comes then.
        var (script, pid) = await Start("echo waiting\nwait \"$background_pid\"\n");
        try
        {
            Assert.Equal("waiting", await script.StandardOutput.ReadLineAsync());
            Signal(signal, script.Id);
            await script.WaitForExitAsync();
            Assert.Equal(exit, script.ExitCode);
            Assert.False(Alive(pid), $"the background job {pid} outlived a script stopped by SIG{signal}");
        }
        finally
        {
            Reap(script, pid);
        }
    }

    [Fact]
    public void The_demo_ends_by_opening_an_incident_on_its_leak_and_printing_the_report()
    {
        // Issue 20: the last step of ./demo.sh opens an incident on the demo leak and prints its grade, deadlines and notice.
        var demo = File.ReadAllText(Path.Combine(NodeScript.Repository(), "demo.sh"));
        var last = demo[demo.LastIndexOf("echo \"== ", StringComparison.Ordinal)..];
        Assert.StartsWith("echo \"== an incident on the demo leak", last, StringComparison.Ordinal);
        var open = last.IndexOf("tm incident open ", StringComparison.Ordinal);
        var add = last.IndexOf("tm incident add ", StringComparison.Ordinal);
        var report = last.IndexOf("tm incident report ", StringComparison.Ordinal);
        Assert.True(open >= 0 && add > open && report > add, "open, add and report, in that order");
        Assert.Contains("samples/leaks/", last[add..report], StringComparison.Ordinal);
        Assert.DoesNotContain("--json", last[report..], StringComparison.Ordinal);
    }

    [Fact]
    public void The_demo_starts_its_server_through_the_mechanism_and_stops_it()
    {
        var demo = File.ReadAllText(Path.Combine(NodeScript.Repository(), "demo.sh"));
        Assert.Contains("source scripts/demo/background.sh", demo, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^start_background \S+ dotnet ""\$dll"" serve ", demo);
        Assert.Matches("(?m)^stop_background$", demo);

        // No other background job: every `&` at the end of a command line would be one the traps do not know.
        Assert.DoesNotMatch(@"(?m)[^&]&\s*$", demo);
    }

    // Starts `bash -c` with set -euo pipefail as the demo, the mechanism sourced, a job in the background that says
    // "up" and then becomes a long sleep, and the given rest of the script, which runs once the test has checked the
    // job's PID. The job prints "up" from sh itself, so by then the PID runs sh (or already sleep), never bash: a PID
    // naming the subshell around a shell function — the demo's old bug — would fail here.
    private static async Task<(Process Script, int Pid)> Start(string rest)
    {
        var log = Path.Combine(Path.GetTempPath(), $"tracemark-bg-{Guid.NewGuid():N}.log");
        var body = $"set -euo pipefail\nsource '{Background}'\nstart_background '{log}' sh -c 'echo up; exec sleep 600'\necho \"$background_pid\"\nread -r _\n{rest}";
        var start = new ProcessStartInfo("bash", ["-c", body]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        var script = Process.Start(start)!;
        string[] lines = [(await script.StandardOutput.ReadLineAsync())!, (await script.StandardOutput.ReadLineAsync())!];
        var pid = int.Parse(lines.Single(l => l != "up"), CultureInfo.InvariantCulture);
        Assert.Contains("up", lines);
        File.Delete(log);
        Assert.True(Alive(pid));
        Assert.Contains(File.ReadAllText($"/proc/{pid}/comm").Trim(), new[] { "sh", "dash", "sleep" });
        await script.StandardInput.WriteLineAsync();
        await script.StandardInput.FlushAsync();
        return (script, pid);
    }

    // A process that has exited but is not yet reaped (a zombie, when its parent is gone) no longer runs.
    private static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    // A failed test must not leave its sleep behind either.
    private static void Reap(Process script, int pid)
    {
        if (!script.HasExited)
        {
            script.Kill();
        }

        if (Alive(pid))
        {
            Signal("KILL", pid);
        }

        script.Dispose();
    }
}
