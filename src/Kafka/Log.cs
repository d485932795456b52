using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RlaifV.Kafka;

/// <summary>The transport's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Warning, "Kafka {Client} error {Code}: {Reason} (fatal: {IsFatal})")]
    public static partial void ClientError(ILogger logger, string client, ErrorCode code, string reason, bool isFatal);

    [LoggerMessage(2, LogLevel.Information, "Consumer of group {Group} assigned {Partitions}")]
    public static partial void Assigned(ILogger logger, string group, string partitions);

    [LoggerMessage(3, LogLevel.Information, "Consumer of group {Group} revoked {Partitions}; committed {Committed}")]
    public static partial void Revoked(ILogger logger, string group, string partitions, string committed);

    [LoggerMessage(4, LogLevel.Warning, "Consumer of group {Group} lost {Partitions}; their unfinished work will be redone by the new owner")]
    public static partial void Lost(ILogger logger, string group, string partitions);

    [LoggerMessage(5, LogLevel.Warning, "Consumer of group {Group} could not commit {Offsets}: {Reason}; will retry")]
    public static partial void CommitFailed(ILogger logger, string group, string offsets, string reason);

    [LoggerMessage(6, LogLevel.Debug, "Consumer of group {Group} committed {Offsets}")]
    public static partial void Committed(ILogger logger, string group, string offsets);

    [LoggerMessage(7, LogLevel.Information, "Bounded read of {Topic} finished: {Records} records, {Duplicates} duplicates dropped")]
    public static partial void BoundedReadDone(ILogger logger, string topic, long records, long duplicates);

    [LoggerMessage(8, LogLevel.Debug, "librdkafka {Client} [{Facility}] {Message}")]
    public static partial void LibrdkafkaLog(ILogger logger, string client, string facility, string message);

    [LoggerMessage(9, LogLevel.Information, "Started the embedded Kafka broker at {BootstrapServers}")]
    public static partial void EmbeddedStarted(ILogger logger, string bootstrapServers);
}
