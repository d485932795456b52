using Microsoft.Extensions.Logging;

namespace RlaifV.Serving;

/// <summary>The server's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Serving {Model} on {Url} (batch window {WindowMs} ms, at most {Rows} rows per forward pass)")]
    public static partial void Listening(ILogger logger, string model, string url, double windowMs, int rows);

    [LoggerMessage(2, LogLevel.Information, "Loaded model {Model} from {Path} in {Seconds:F1} s")]
    public static partial void Loaded(ILogger logger, string model, string path, double seconds);

    [LoggerMessage(3, LogLevel.Information, "Unloaded model {Model} (least recently used)")]
    public static partial void Unloaded(ILogger logger, string model);

    [LoggerMessage(4, LogLevel.Information, "Registered LoRA adapter {Name} from {Path}")]
    public static partial void AdapterRegistered(ILogger logger, string name, string path);

    [LoggerMessage(5, LogLevel.Error, "A forward pass of {Rows} rows for {Model} failed")]
    public static partial void ForwardFailed(ILogger logger, Exception error, int rows, string model);

    [LoggerMessage(6, LogLevel.Error, "Request to {Endpoint} failed")]
    public static partial void RequestFailed(ILogger logger, Exception error, string endpoint);
}
