using System.Runtime.InteropServices;

namespace Tracemark.Cli;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM during long work: the first one asks the work to stop after the record in hand, so
/// files are closed whole and the command can say what it wrote (exit 130); a second one ends the process at once.
/// Outside such a scope the signals keep their default effect.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _registrations;

    private Interruption(bool listen)
    {
        _registrations = listen
            ? [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)]
            : [];
    }

    /// <summary>Listens for Ctrl+C and SIGTERM until disposed.</summary>
    public static Interruption Listen() => new(listen: true);

    /// <summary>Cancelled when the user interrupts.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>True once the user has interrupted.</summary>
    public bool Requested => _stop.IsCancellationRequested;

    /// <summary>Interrupts as a signal would (tests, and work that stops itself).</summary>
    public void Request() => _stop.Cancel();

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stop.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _stop.Cancel();
    }
}
