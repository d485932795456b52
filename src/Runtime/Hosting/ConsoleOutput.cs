using Microsoft.Extensions.Logging;

namespace RlaifV.Runtime.Hosting;

/// <summary>
/// A verb's output: results for a person on standard output (<see cref="Out"/>); progress, event lines and log records
/// on standard error (<see cref="Progress"/>, <see cref="Status"/>, <see cref="Loggers"/>), rendered as
/// <see cref="ConsoleSettings"/> say. Disposing ends a status still shown.
/// </summary>
public sealed class ConsoleOutput : IDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly ILogger? _json;

    /// <summary>Creates the output.</summary>
    /// <param name="stdout">Standard output.</param>
    /// <param name="stderr">Standard error.</param>
    /// <param name="settings">Format, verbosity, whether standard error is a terminal.</param>
    /// <param name="time">The clock (tests pass a manual one).</param>
    public ConsoleOutput(TextWriter stdout, TextWriter stderr, ConsoleSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Out = stdout;
        Settings = settings;
        var screen = new ConsoleScreen(stderr, settings.Terminal && settings.Format == LogFormat.Text, settings.Terminal ? TerminalWidth : null);
        var level = settings.Verbose ? LogLevel.Debug : LogLevel.Information;
        _loggers = LoggerFactory.Create(b => b
            .ClearProviders()
            .AddProvider(new StderrLoggerProvider(screen, settings.Format, time))
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("RlaifV", level));
        _json = settings.Format == LogFormat.Json ? _loggers.CreateLogger("RlaifV.Runtime.Cli") : null;
        Progress = new ProgressReporter(screen, _json, settings.Interval ?? ConsoleSettings.DefaultInterval, time);
        Status = new StatusWriter(Progress);
    }

    /// <summary>The settings.</summary>
    public ConsoleSettings Settings { get; }

    /// <summary>Standard output: a verb's results (tables, JSON lines, "wrote ..." lines).</summary>
    public TextWriter Out { get; }

    /// <summary>The status line and event lines.</summary>
    public ProgressReporter Progress { get; }

    /// <summary><see cref="Progress"/> as a writer, for jobs that write their progress as to a terminal (see <see cref="StatusWriter"/>).</summary>
    public TextWriter Status { get; }

    /// <summary>Log records, at Debug with <c>--verbose</c> and at Information otherwise.</summary>
    public ILoggerFactory Loggers => _loggers;

    /// <summary>Says why the verb failed: an event line, or an Error record in json mode.</summary>
    public void Error(string problem)
    {
        if (_json is not null)
        {
            Progress.Complete();
            Log.Failed(_json, problem);
        }
        else
        {
            Progress.WriteLine(problem);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Progress.Complete();
        Status.Dispose();
        _loggers.Dispose();
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
