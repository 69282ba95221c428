using System.Diagnostics;
using System.Globalization;
using Tracemark.Tests;

namespace Tracemark.Cli.Tests;

/// <summary>
/// Long work at a terminal (issue 17 point 9): counted progress on standard error, and Ctrl+C typed at the terminal
/// finishes the unit in hand, closes files, says on standard error what was written and exits 130. Each test waits
/// for what the command draws before it types, so the signal always arrives mid-work.
/// </summary>
public sealed class InterruptionTests
{
    [Fact]
    public void Trace_counts_the_sample_records_as_it_reads_and_ctrl_c_writes_nothing_and_exits_130()
    {
        using var dir = new TempDir("cli-trace-interrupt");
        var owner = dir.File("owner");
        Assert.Equal(0, Cli.Run("synth", "owner", "--out", owner, "--customers", "4000", "--outlets", "4", "--employees-per-outlet", "8", "--sample-size", "30", "--samples-per-kind", "1").Exit);
        var store = dir.File("owner.db");
        Assert.Equal(0, Cli.Run("owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--access", Path.Combine(owner, "access.csv"), "--store", store).Exit);

        // The sample comes through a named pipe that the test keeps feeding until the trace stops reading: the trace
        // can never reach the end of its input, so Ctrl+C certainly arrives while it reads.
        var fifo = dir.File("sample.fifo");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var output = dir.File("trace.json");
        var report = dir.File("trace.html");
        using var session = new TerminalSession(["trace", "-", "--store", store, "--seen", "2026-01-01", "--json", "--report", report], $"< '{fifo}' > '{output}'");
        var lines = File.ReadAllLines(Path.Combine(owner, "customers.csv"));
        var header = System.Text.Encoding.UTF8.GetBytes(lines[0] + "\n");
        var rows = System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines.Skip(1)) + "\n");
        using var pipe = new FileStream(fifo, FileMode.Open, FileAccess.Write);
        var feeding = new Thread(() =>
        {
            try
            {
                pipe.Write(header);
                while (true)
                {
                    pipe.Write(rows);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The trace closed its end: it has ended. (Or the test failed and disposed the pipe: an exception left
                // to escape this thread would take the whole test host down, and every test after this one with it.)
            }
        })
        { IsBackground = true };
        feeding.Start();
        session.WaitFor(@"tracing: - · [1-9][\d,]* records");
        session.CtrlC();
        Assert.Equal(130, session.WaitForExit());
        feeding.Join();
        var said = session.WaitFor(@"tracemark trace: interrupted after reading ([\d,]+) records of the sample; nothing was written");
        Assert.True(long.Parse(said.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > 0);
        Assert.Equal(string.Empty, File.ReadAllText(output));
        Assert.False(File.Exists(report));
    }

    [Fact]
    public void Eval_trace_counts_scenarios_and_ctrl_c_stops_after_those_in_hand_printing_no_scores()
    {
        using var dir = new TempDir("cli-eval-interrupt");
        Directory.CreateDirectory(dir.Path);
        var output = dir.File("eval.json");
        using var session = new TerminalSession(["eval", "trace", "--customers", "10000", "--repeats", "20", "--json"], $"> '{output}'");
        var progress = session.WaitFor(@"scoring scenarios: ([1-9][\d,]*) of ([\d,]+)");
        Assert.Equal("1,080", progress.Groups[2].Value);
        session.CtrlC();
        Assert.Equal(130, session.WaitForExit());
        var said = session.WaitFor(@"tracemark eval trace: interrupted after ([\d,]+) of 1,080 scenarios; no scores were printed");
        Assert.True(int.Parse(said.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) < 1080);
        Assert.Equal(string.Empty, File.ReadAllText(output));
    }

    [Fact]
    public void Owner_import_counts_rows_and_ctrl_c_finishes_the_file_in_hand_imports_no_more_and_a_rerun_resumes()
    {
        using var dir = new TempDir("cli-owner-interrupt");
        var owner = dir.File("owner");
        Assert.Equal(0, Cli.Run("synth", "owner", "--out", owner, "--customers", "100000", "--outlets", "10").Exit);
        var store = dir.File("store.db");
        string[] args = ["owner", "import", "--channels", Path.Combine(owner, "channels.csv"), "--customers", Path.Combine(owner, "customers.csv"), "--access", Path.Combine(owner, "access.csv"), "--store", store];
        using (var session = new TerminalSession(args, $"> '{dir.File("out.txt")}'"))
        {
            session.WaitFor(@"importing customers\.csv: .*· [1-9][\d,]* records");
            session.CtrlC();
            Assert.Equal(130, session.WaitForExit());
            session.WaitFor(@"tracemark owner import: interrupted; not imported: .*access\.csv \(run the same command again");
        }

        // The file in hand was finished (one transaction each), so the rerun imports only the access log.
        var again = Cli.Run(args);
        Assert.True(again.Exit == 0, again.Error);
        Assert.Equal(2, again.Out.Split("unchanged").Length - 1);
        Assert.Contains("access row(s)", again.Out, StringComparison.Ordinal);
        var third = Cli.Run(args);
        Assert.Equal(3, third.Out.Split("unchanged").Length - 1);
    }
}
