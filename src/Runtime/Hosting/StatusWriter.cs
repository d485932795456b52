using System.Text;

namespace RlaifV.Runtime.Hosting;

/// <summary>
/// A <see cref="TextWriter"/> for the jobs that write their progress as a terminal would show it, read back into
/// <see cref="ProgressReporter"/> calls, so that they render on any console: text after a <c>\r</c> (or a line not yet
/// ended when a write returns) is a status (<see cref="ProgressReporter.Report"/>); a newline right after a status ends
/// it (<see cref="ProgressReporter.Complete"/>); any other ended line is an event line
/// (<see cref="ProgressReporter.WriteLine"/>, replacing a status it was written over). Blank lines are dropped. A whole
/// line written (<see cref="WriteLine(string)"/>) while a status is pending is an event line of its own: several jobs
/// may share the writer, and one's line must not be glued to another's status.
/// </summary>
public sealed class StatusWriter : TextWriter
{
    private readonly ProgressReporter _progress;
    private readonly StringBuilder _line = new();
    private readonly Lock _gate = new();
    private bool _afterReturn;
    private int _reported;

    /// <summary>Creates the writer over <paramref name="progress"/>.</summary>
    public StatusWriter(ProgressReporter progress) => _progress = progress;

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_gate)
        {
            Take(value);
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        lock (_gate)
        {
            foreach (char c in value ?? string.Empty)
            {
                Take(c);
            }
            ReportPending();
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        lock (_gate)
        {
            if (_afterReturn && _line.Length > 0 && _reported == _line.Length && value is { Length: > 0 } && value.AsSpan().IndexOfAny('\r', '\n') < 0)
            {
                // A whole line while a status is shown: another writer's event line (the roles of rlaifv run share this
                // writer), not the end of that status; the status stays pending for its own writer's next \r or newline.
                if (!string.IsNullOrWhiteSpace(value)) _progress.WriteLine(value.Trim());
                return;
            }
            foreach (char c in value ?? string.Empty)
            {
                Take(c);
            }
            Take('\n');
        }
    }

    /// <inheritdoc />
    public override void WriteLine() => Write('\n');

    /// <inheritdoc />
    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteLineAsync()
    {
        WriteLine();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task FlushAsync() => Task.CompletedTask;

    private void Take(char c)
    {
        switch (c)
        {
            case '\r':
                ReportPending();
                _line.Clear();
                _reported = 0;
                _afterReturn = true;
                break;
            case '\n':
                string text = _line.ToString().Trim();
                if (_afterReturn && _reported == _line.Length)
                {
                    _progress.Complete(); // "\rstatus" then a bare newline: the status is final
                }
                else if (text.Length > 0)
                {
                    _progress.WriteLine(text);
                }
                _line.Clear();
                _reported = 0;
                _afterReturn = false;
                break;
            default:
                _line.Append(c);
                break;
        }
    }

    private void ReportPending()
    {
        if (_line.Length > _reported && !string.IsNullOrWhiteSpace(_line.ToString()))
        {
            _progress.Report(_line.ToString().Trim());
            _reported = _line.Length;
        }
    }
}
