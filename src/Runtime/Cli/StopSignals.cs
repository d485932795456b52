using System.Runtime.InteropServices;

namespace RlaifV.Runtime.Cli;

/// <summary>SIGTERM and the first Ctrl+C request a graceful stop; a second Ctrl+C aborts the process.</summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly PosixSignalRegistration sigterm;
    private readonly PosixSignalRegistration sigint;

    /// <summary>Registers the handlers; <paramref name="stderr"/> gets a line when a stop starts.</summary>
    public StopSignals(TextWriter stderr)
    {
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
        {
            c.Cancel = !stop.IsCancellationRequested;
            if (c.Cancel) stderr.WriteLine("stopping: draining what is in flight (press Ctrl+C again to abort)");
            stop.Cancel();
        });
    }

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>Unregisters the handlers.</summary>
    public void Dispose()
    {
        sigterm.Dispose();
        sigint.Dispose();
        stop.Dispose();
    }
}
