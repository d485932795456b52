using RlaifV.Schemas;

namespace RlaifV.Stages.Flow;

/// <summary>Writes dead letters to the sink and counts them: the one way a stage gives up on an input.</summary>
/// <param name="sink">The dead-letter sink.</param>
/// <param name="metrics">Metrics.</param>
/// <param name="timeProvider">Clock for the record's timestamp.</param>
public sealed class DeadLetters(IDeadLetterSink sink, PipelineMetrics metrics, TimeProvider? timeProvider = null)
{
    private const int MaxInputChars = 16_384;
    private readonly TimeProvider clock = timeProvider ?? TimeProvider.System;

    /// <summary>Records that <paramref name="stage"/> gave up on an input for <paramref name="reason"/>.</summary>
    public async ValueTask WriteAsync(string stage, string reason, string detail, string? key, string? origin, string input, CancellationToken cancellationToken)
    {
        var letter = new DeadLetter
        {
            Stage = stage,
            Reason = reason,
            Detail = detail,
            Key = key,
            Origin = origin,
            Input = input.Length > MaxInputChars ? input[..MaxInputChars] + "…" : input,
            At = clock.GetUtcNow(),
        };
        await sink.WriteAsync(letter, cancellationToken);
        metrics.DeadLetters.WithLabels(stage, reason).Inc();
        metrics.Failures.WithLabels(stage).Inc();
    }

    /// <summary>The reason code of an item's failure: the <see cref="Ports.InputRejectedException"/>'s, else <c>model_error</c>.</summary>
    public static string ReasonOf(Exception cause) => cause is Ports.InputRejectedException rejected ? rejected.Reason : DeadLetterReasons.ModelError;

    /// <summary>
    /// Dead-letters a candidate a model call failed on and returns it marked failed, so it keeps travelling
    /// to pairing (which still needs all n candidates to complete the prompt).
    /// </summary>
    public async Task<IEnumerable<CandidateItem>> FailCandidateAsync(string stage, CandidateItem item, Exception cause, string input, CancellationToken cancellationToken)
    {
        await WriteAsync(stage, ReasonOf(cause), cause.Message, item.Key, item.Source.Ticket.Origin, input, cancellationToken);
        return [item with { Failed = true }];
    }
}
