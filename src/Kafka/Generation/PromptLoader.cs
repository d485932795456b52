using RlaifV.Schemas;
using RlaifV.Stages;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Sources;

namespace RlaifV.Kafka.Generation;

/// <summary>
/// <c>rlaifv topic load</c>: puts a prompts file (JSONL or Parquet, any layout the file sources read) onto
/// the prompts topic, keyed by prompt id. Every record is checked as file ingest checks it (<see cref="PromptValidator"/>:
/// fields and their types, instruction length, image inside <c>ingest.image_root</c>, size limits, a complete decode, declared sha256); images up to <c>kafka.inline_image_max_bytes</c>
/// travel inline, larger ones by their path (generators then read them under their own image root).
/// Records that cannot become a prompt go to the DLQ topic (stage <c>load</c>) with the reason, and are counted in
/// <c>rlaifv_dead_letters_total{stage="load",reason}</c> when metrics are given.
/// Loading the same file twice repeats the prompts; generators process a repeated id once per process
/// and downstream readers drop repeated outputs by id.
/// </summary>
public static class PromptLoader
{
    /// <summary>The stage name on dead letters of records that could not be loaded.</summary>
    public const string Stage = "load";

    /// <summary>
    /// Loads every record of <paramref name="source"/>; returns (prompts loaded, records dead-lettered). Dead letters are
    /// counted on <paramref name="metrics"/> (stage <c>load</c>) when given, as the graph's own are.
    /// </summary>
    /// <param name="environment">The cluster.</param>
    /// <param name="source">The records.</param>
    /// <param name="ingest">The checks' limits.</param>
    /// <param name="decoder">Decodes every image completely.</param>
    /// <param name="cancellationToken">Stops loading.</param>
    /// <param name="metrics">Counts the dead letters, or null.</param>
    /// <param name="loadedBefore">
    /// Ids of prompts an interrupted load of the same records already put on the topic (a restarted coordinator): they
    /// are not loaded again, and their records are not checked again.
    /// </param>
    public static async Task<(long Loaded, long Rejected)> LoadAsync(
        KafkaEnvironment environment, IPromptSource source, IngestOptions ingest, IImageDecoder decoder, CancellationToken cancellationToken,
        PipelineMetrics? metrics = null, IReadOnlySet<string>? loadedBefore = null)
    {
        await environment.EnsureBaseTopicsAsync(cancellationToken);
        using var producer = environment.CreateProducer(environment.Options with { Transactions = false, TransactionalId = null });
        var validator = new PromptValidator(ingest, decoder);
        var pending = new List<Task>();
        long loaded = 0;
        long rejected = 0;
        await foreach (var item in source.ReadAsync(cancellationToken).WithCancellation(cancellationToken))
        {
            if (loadedBefore is not null && item.Draft is { Id: { Length: > 0 } id } && loadedBefore.Contains(id)) continue;
            var (prompt, reason, detail) = ToPrompt(item, validator, environment.Options.InlineImageMaxBytes);
            if (prompt is not null)
            {
                pending.Add(producer.ProducePromptAsync(prompt, cancellationToken));
                loaded++;
            }
            else
            {
                pending.Add(producer.ProduceDeadLetterAsync(new DeadLetter
                {
                    Stage = Stage,
                    Reason = reason!,
                    Detail = detail!,
                    Key = string.IsNullOrEmpty(item.Draft?.Id) ? item.Key : item.Draft.Id,
                    Origin = item.Ticket.Origin,
                    Input = item.Raw ?? item.Draft?.Id ?? string.Empty,
                    At = DateTimeOffset.UtcNow,
                }, cancellationToken));
                rejected++;
                metrics?.DeadLetters.WithLabels(Stage, reason!).Inc();
                metrics?.Failures.WithLabels(Stage).Inc();
            }
            if (pending.Count >= 1_000)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }
        await Task.WhenAll(pending);
        return (loaded, rejected);
    }

    private static (Prompt? Prompt, string? Reason, string? Detail) ToPrompt(IngestItem item, PromptValidator validator, int inlineMax)
    {
        if (item.Draft is not { } d) return (null, item.ParseReason ?? DeadLetterReasons.Malformed, item.ParseError ?? "record could not be parsed");
        var (prompt, reason, detail) = validator.Check(d);
        if (prompt is null) return (null, reason, detail);
        if (prompt.Image.Bytes!.Length > inlineMax)
        {
            if (d.ImagePath is null) return (null, DeadLetterReasons.ImageTooLarge, $"inline image of {prompt.Image.Bytes.Length} bytes is over kafka.inline_image_max_bytes = {inlineMax} and has no path to refer to it by");
            prompt = prompt with { Image = prompt.Image.WithoutBytes() };
        }
        return (prompt, null, null);
    }
}
