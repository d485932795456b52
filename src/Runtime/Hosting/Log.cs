using Microsoft.Extensions.Logging;

namespace RlaifV.Runtime.Hosting;

/// <summary>The console's own records: what a person reads as lines, a log collector reads as these (json).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{Status}")]
    public static partial void Progress(ILogger logger, string status);

    [LoggerMessage(2, LogLevel.Information, "{Status}")]
    public static partial void ProgressComplete(ILogger logger, string status);

    [LoggerMessage(3, LogLevel.Information, "{Line}")]
    public static partial void Event(ILogger logger, string line);

    [LoggerMessage(4, LogLevel.Error, "{Problem}")]
    public static partial void Failed(ILogger logger, string problem);
}
