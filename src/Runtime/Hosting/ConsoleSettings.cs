namespace RlaifV.Runtime.Hosting;

/// <summary>How a verb writes to standard error.</summary>
/// <param name="Format">Text for a person, json for a log collector (<c>--log-format</c>).</param>
/// <param name="Verbose">Debug records too, such as every training step (<c>--verbose</c>).</param>
/// <param name="Terminal">Standard error is a terminal: the status line is redrawn in place.</param>
/// <param name="Interval">Least time between two progress lines when standard error is not a terminal.</param>
public sealed record ConsoleSettings(LogFormat Format = LogFormat.Text, bool Verbose = false, bool Terminal = false, TimeSpan? Interval = null)
{
    /// <summary>The default progress interval when not on a terminal.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);
}
