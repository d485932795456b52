namespace RlaifV.Kafka.Generation;

/// <summary>The <see cref="Stages.Flow.PromptTicket.State"/> of a prompt read from Kafka.</summary>
/// <param name="Token">The consumer's token for the message, marked done when the prompt is.</param>
/// <param name="PromptId">The prompt id, when the message decoded.</param>
public sealed record KafkaTicket(OffsetToken Token, string? PromptId);
