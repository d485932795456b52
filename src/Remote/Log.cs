using Microsoft.Extensions.Logging;

namespace RlaifV.Remote;

/// <summary>The remote backends' log messages (never an API key: servers are named by URL without credentials).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "{Role} server {Server} (model {Model}) unreachable for {Seconds:F0} s: {Reason}; retrying every {Delay:F1} s, the run stops after {Budget:F0} s")]
    public static partial void Unreachable(ILogger logger, string role, string server, string model, double seconds, string reason, double delay, double budget);

    [LoggerMessage(2, LogLevel.Information, "{Role} server {Server} (model {Model}) reachable again after {Seconds:F0} s")]
    public static partial void Reachable(ILogger logger, string role, string server, string model, double seconds);

    [LoggerMessage(3, LogLevel.Warning, "{Role} server {Server}: circuit opened for {Seconds:F1} s after failed attempts")]
    public static partial void CircuitOpened(ILogger logger, string role, string server, double seconds);

    [LoggerMessage(4, LogLevel.Information, "{Role} server {Server}: circuit closed")]
    public static partial void CircuitClosed(ILogger logger, string role, string server);

    [LoggerMessage(5, LogLevel.Information, "{Role} server {Server}: waiting for model {Model} to be listed ({Seconds:F0} s of {Budget:F0} s; listed: {Listed})")]
    public static partial void WaitingForModel(ILogger logger, string role, string server, string model, double seconds, double budget, string listed);

    [LoggerMessage(6, LogLevel.Information, "{Role} server {Server}: model {Model} is listed")]
    public static partial void ModelListed(ILogger logger, string role, string server, string model);

    [LoggerMessage(7, LogLevel.Information, "{Role} server {Server}: registered LoRA adapter {Path} as {Model}")]
    public static partial void AdapterLoaded(ILogger logger, string role, string server, string path, string model);

    [LoggerMessage(8, LogLevel.Debug, "{Role} server {Server} (model {Model}): retry {Attempt} after {Reason}")]
    public static partial void Retrying(ILogger logger, string role, string server, string model, int attempt, string reason);
}
