using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Tracemark.Cli.Tests;

/// <summary>
/// `tracemark ARGS` run at a pseudo-terminal (`script`) that the test watches and types into, as a person at a
/// keyboard: <see cref="CtrlC"/> sends the byte a terminal turns into SIGINT for the foreground process. The test
/// waits for what the command draws (<see cref="WaitFor"/>), never for a time.
/// </summary>
internal sealed partial class TerminalSession : IDisposable
{
    // Only against a hang: a test that reaches it has failed, whatever the machine's load.
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(10);

    private readonly Process _script;
    private readonly StringBuilder _screen = new();
    private readonly Thread _reader;
    private bool _ended;

    /// <param name="args">The command line after `tracemark`.</param>
    /// <param name="redirections">Shell redirections, e.g. "&lt; fifo &gt; out.json" (standard error stays on the terminal).</param>
    public TerminalSession(IEnumerable<string> args, string redirections)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "tracemark.dll");
        // exec: the shell becomes tracemark, so the terminal's SIGINT reaches it and `script -e` returns its status.
        var command = $"exec dotnet {Quote(dll)} {string.Join(' ', args.Select(Quote))} {redirections}";
        var start = new ProcessStartInfo("script", ["-qec", command, "/dev/null"]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.Environment["COLUMNS"] = "100";
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        _script = Process.Start(start)!;
        _reader = new Thread(Read) { IsBackground = true };
        _reader.Start();
    }

    /// <summary>Everything the terminal showed so far, without escape codes.</summary>
    public string Screen
    {
        get
        {
            lock (_screen)
            {
                return Plain(_screen.ToString());
            }
        }
    }

    /// <summary>Waits until the terminal shows text matching <paramref name="pattern"/>; fails if the command ends first.</summary>
    public Match WaitFor(string pattern)
    {
        var regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(10));
        lock (_screen)
        {
            while (true)
            {
                var match = regex.Match(Plain(_screen.ToString()));
                if (match.Success)
                {
                    return match;
                }

                if (_ended)
                {
                    throw new InvalidOperationException($"the command ended before showing /{pattern}/: {Plain(_screen.ToString())}");
                }

                if (!Monitor.Wait(_screen, Guard))
                {
                    throw new TimeoutException($"nothing new on the terminal while waiting for /{pattern}/");
                }
            }
        }
    }

    /// <summary>Types Ctrl+C.</summary>
    public void CtrlC()
    {
        _script.StandardInput.Write('\u0003');
        _script.StandardInput.Flush();
    }

    /// <summary>Waits for the command to end; its exit status.</summary>
    public int WaitForExit()
    {
        if (!_script.WaitForExit(Guard))
        {
            _script.Kill(entireProcessTree: true);
            throw new TimeoutException("the command did not end");
        }

        _reader.Join();
        return _script.ExitCode;
    }

    public void Dispose()
    {
        if (!_script.HasExited)
        {
            _script.Kill(entireProcessTree: true);
        }

        _script.Dispose();
    }

    private static string Plain(string text) => Escape().Replace(text, string.Empty).Replace("\r", string.Empty, StringComparison.Ordinal);

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private void Read()
    {
        var buffer = new char[4096];
        int n;
        while ((n = _script.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
        {
            lock (_screen)
            {
                _screen.Append(buffer, 0, n);
                Monitor.PulseAll(_screen);
            }
        }

        lock (_screen)
        {
            _ended = true;
            Monitor.PulseAll(_screen);
        }
    }

    [GeneratedRegex(@"\u001b(\[[0-9;?]*[A-Za-z]|[()][A-Z0-9])")]
    private static partial Regex Escape();
}
