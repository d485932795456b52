namespace RlaifV.Runtime.Hosting;

/// <summary>
/// Standard error as lines plus, on a terminal, one status line under them that is redrawn in place with <c>\r</c>.
/// A permanent line erases the status first and, when asked, redraws it below. Writing to anything but a terminal
/// never draws a status (and so never writes <c>\r</c>). Thread-safe: every write takes one lock.
/// </summary>
public sealed class ConsoleScreen
{
    private readonly TextWriter _stderr;
    private readonly Func<int> _width;
    private readonly Lock _gate = new();
    private string? _status;
    private int _drawn;

    /// <summary>Creates the screen over <paramref name="stderr"/>.</summary>
    /// <param name="stderr">Standard error.</param>
    /// <param name="terminal">Whether <paramref name="stderr"/> is a terminal (a status line is drawn only then).</param>
    /// <param name="width">The terminal's width in columns (a longer status is cut, so that <c>\r</c> can redraw it); 0 when unknown.</param>
    public ConsoleScreen(TextWriter stderr, bool terminal, Func<int>? width = null)
    {
        _stderr = stderr;
        Terminal = terminal;
        _width = width ?? (() => 0);
    }

    /// <summary>Whether a status line is drawn in place.</summary>
    public bool Terminal { get; }

    /// <summary>Writes a permanent line; on a terminal a status shown is erased first and, with <paramref name="keepStatus"/>, redrawn below it.</summary>
    public void WriteLine(string line, bool keepStatus = false)
    {
        lock (_gate)
        {
            Erase();
            _stderr.WriteLine(line);
            if (keepStatus && _status is not null)
            {
                Draw(_status);
            }
            else
            {
                _status = null;
            }
            _stderr.Flush();
        }
    }

    /// <summary>Shows <paramref name="status"/> in place of the previous one (terminal only; elsewhere nothing happens).</summary>
    public void ShowStatus(string status)
    {
        if (!Terminal)
        {
            return;
        }
        lock (_gate)
        {
            Draw(status);
            _stderr.Flush();
        }
    }

    /// <summary>Erases the status line, if one is shown.</summary>
    public void ClearStatus()
    {
        lock (_gate)
        {
            Erase();
            _status = null;
            _stderr.Flush();
        }
    }

    private void Draw(string status)
    {
        int width = _width();
        string shown = width > 1 && status.Length >= width ? status[..(width - 1)] : status;
        // Spaces over whatever the previous, longer status left, then back to where the text ends.
        _stderr.Write("\r" + shown + new string(' ', Math.Max(0, _drawn - shown.Length)));
        _status = status;
        _drawn = shown.Length;
    }

    private void Erase()
    {
        if (_drawn == 0)
        {
            return;
        }
        _stderr.Write("\r" + new string(' ', _drawn) + "\r");
        _drawn = 0;
    }
}
