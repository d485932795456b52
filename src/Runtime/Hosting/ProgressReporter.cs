using Microsoft.Extensions.Logging;

namespace RlaifV.Runtime.Hosting;

/// <summary>
/// The one progress display of every verb: a live status (<see cref="Report"/>, as often as the work likes), its end
/// (<see cref="Complete"/>) and event lines (<see cref="WriteLine"/>, such as one summary per step of a round).
/// <list type="bullet">
/// <item>On a terminal the status is redrawn in place; it is erased when it completes or an event line replaces it.</item>
/// <item>Redirected, a status is written as a plain line at most once per interval (the first one interval after it
/// started), and its last value as a final line when it completes; never a <c>\r</c>.</item>
/// <item>In json mode the same lines are log records (event ids 1 progress, 2 progress complete, 3 event line) on the
/// same schedule as redirected text.</item>
/// </list>
/// Thread-safe.
/// </summary>
public sealed class ProgressReporter
{
    private static readonly TimeSpan Redraw = TimeSpan.FromMilliseconds(100);
    private readonly ConsoleScreen _screen;
    private readonly ILogger? _json;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private string? _current;
    private string? _written;
    private long _lastWritten;

    /// <summary>Creates the reporter.</summary>
    /// <param name="screen">Standard error.</param>
    /// <param name="json">Where records go in json mode; null for text.</param>
    /// <param name="interval">The least time between two progress lines when not drawing on a terminal.</param>
    /// <param name="time">The clock (tests pass a manual one).</param>
    public ProgressReporter(ConsoleScreen screen, ILogger? json, TimeSpan interval, TimeProvider? time = null)
    {
        _screen = screen;
        _json = json;
        _interval = interval;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The status now shown, or null.</summary>
    public string? Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>The work's state now, e.g. "training: 12/48 steps (25%), 5.1 steps/s, 7s left".</summary>
    public void Report(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            if (_current is null)
            {
                _lastWritten = now; // a new status: its first plain line comes one interval later
            }
            _current = status;
            if (_screen.Terminal && _json is null)
            {
                if (_time.GetElapsedTime(_lastWritten, now) >= Redraw || _written is null)
                {
                    _screen.ShowStatus(status);
                    _written = status;
                    _lastWritten = now;
                }
                return;
            }
            if (_time.GetElapsedTime(_lastWritten, now) >= _interval)
            {
                Write(status, final: false);
                _lastWritten = now;
            }
        }
    }

    /// <summary>The status is over: erased on a terminal, written once more (its final value) elsewhere.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            if (_current is null)
            {
                return;
            }
            if (_screen.Terminal && _json is null)
            {
                _screen.ClearStatus();
            }
            else if (_current != _written)
            {
                Write(_current, final: true);
            }
            _current = null;
            _written = null;
        }
    }

    /// <summary>An event line (a step's summary, a note); it replaces a status in progress, which is not written again.</summary>
    public void WriteLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        lock (_gate)
        {
            _current = null;
            _written = null;
            if (_json is not null)
            {
                Log.Event(_json, line);
            }
            else
            {
                _screen.WriteLine(line);
            }
        }
    }

    /// <summary>Reports <paramref name="status"/>'s value every <paramref name="period"/> until disposed, then completes.</summary>
    public IDisposable Follow(Func<string> status, TimeSpan? period = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        var every = period ?? TimeSpan.FromSeconds(1);
        var timer = _time.CreateTimer(_ => Report(status()), null, every, every);
        return new Following(this, timer, status);
    }

    private void Write(string status, bool final)
    {
        if (_json is not null && final)
        {
            Log.ProgressComplete(_json, status);
        }
        else if (_json is not null)
        {
            Log.Progress(_json, status);
        }
        else
        {
            _screen.WriteLine(status);
        }
        _written = status;
    }

    private sealed class Following(ProgressReporter reporter, ITimer timer, Func<string> status) : IDisposable
    {
        public void Dispose()
        {
            timer.Dispose();
            reporter.Report(status());
            reporter.Complete();
        }
    }
}
