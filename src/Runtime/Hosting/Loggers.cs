using Microsoft.Extensions.Logging;

namespace RlaifV.Runtime.Hosting;

/// <summary>The process's loggers.</summary>
internal static class Loggers
{
    /// <summary>Logs to standard error (standard output carries the verb's results).</summary>
    public static ILoggerFactory Create() => LoggerFactory.Create(b => b
        .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
        .AddFilter("RlaifV", LogLevel.Information)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
