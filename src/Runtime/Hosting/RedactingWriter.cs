using System.Text;
using RlaifV.Runtime.Config;

namespace RlaifV.Runtime.Hosting;

/// <summary>
/// A writer that passes everything through <see cref="Secrets.Redact"/> before it reaches the stream: the process's
/// standard output and error are wrapped in it, so no secret reaches them whoever writes. Text is held until a line
/// ends (or a carriage return redraws a status line), so a secret written in pieces is still masked whole.
/// </summary>
internal sealed class RedactingWriter(TextWriter inner) : TextWriter
{
    private readonly StringBuilder pending = new();
    private readonly Lock gate = new();

    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (gate)
        {
            pending.Append(value);
            if (value is '\n' or '\r') Drain();
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (gate)
        {
            pending.Append(value);
            if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal)) Drain();
        }
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        lock (gate)
        {
            pending.Append(value).Append(CoreNewLine);
            Drain();
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task WriteLineAsync()
    {
        WriteLine();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override void Flush()
    {
        lock (gate)
        {
            Drain();
            inner.Flush();
        }
    }

    /// <inheritdoc />
    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    private void Drain()
    {
        if (pending.Length == 0) return;
        inner.Write(Secrets.Redact(pending.ToString()));
        pending.Clear();
        inner.Flush();
    }
}
