using Confluent.Kafka;

namespace RlaifV.Kafka;

/// <summary>
/// Handle of one consumed message in an <see cref="OffsetTracker"/>: pass it back to mark the message
/// done. It remembers the assignment it came from, so marking a message of a partition that was revoked
/// (and perhaps assigned again) in the meantime is ignored rather than corrupting the new assignment.
/// </summary>
/// <param name="TopicPartition">The message's topic and partition.</param>
/// <param name="Offset">The message's offset.</param>
/// <param name="Generation">The tracker's assignment generation of the partition when the message was registered.</param>
public readonly record struct OffsetToken(TopicPartition TopicPartition, long Offset, long Generation);
