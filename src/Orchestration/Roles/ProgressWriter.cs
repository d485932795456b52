using System.Text;

namespace RlaifV.Orchestration.Roles;

/// <summary>
/// Forwards a job's progress lines to a writer and counts each write as progress of the role's stage (what /healthz
/// judges): a trainer that keeps reporting is alive.
/// </summary>
/// <param name="inner">Where the lines go.</param>
/// <param name="progressed">Called on every write.</param>
public sealed class ProgressWriter(TextWriter inner, Action progressed) : TextWriter
{
    /// <inheritdoc />
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        inner.Write(value);
        progressed();
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        inner.Write(value);
        progressed();
    }

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        inner.WriteLine(value);
        progressed();
    }

    /// <inheritdoc />
    public override Task WriteAsync(string? value)
    {
        progressed();
        return inner.WriteAsync(value);
    }

    /// <inheritdoc />
    public override Task WriteLineAsync(string? value)
    {
        progressed();
        return inner.WriteLineAsync(value);
    }

    /// <inheritdoc />
    public override void Flush() => inner.Flush();
}
