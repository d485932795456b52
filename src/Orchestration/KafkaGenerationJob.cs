using System.Diagnostics;
using System.Globalization;
using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Orchestration.Roles;
using RlaifV.Schemas.Control;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Orchestration;

/// <summary>
/// One Kafka generator: the round's consumer group on the prompts topic → the topology → the round's
/// candidates, verdicts and pairs topics (+ the DLQ topic). On start it reads the control topic: a round
/// already started names its policy, which the generator uses (and checks by digest); otherwise the
/// generator records the round as started with its own policy. A bounded run (until caught up) ends when
/// the prompts topic's end offsets seen at start are all done, records the round's generation as complete
/// (distinct pair count, end offsets of the pairs topic) and exports the pairs to Parquet when asked.
/// Offsets are committed only up to the lowest prompt not yet done, after its outputs are delivered: a
/// crash redoes unfinished prompts, and consumers drop the repeated outputs by their deterministic ids.
/// </summary>
public static class KafkaGenerationJob
{
    /// <summary>The consumer group of round <paramref name="round"/>'s generators.</summary>
    public static string GroupOf(TopicNames topics, int round) =>
        string.Create(CultureInfo.InvariantCulture, $"{topics.Prefix}.r{round:D4}.generators");

    /// <summary>Runs until stopped, or until caught up when <paramref name="untilCaughtUp"/>; a stage fault throws <see cref="StageException"/>.</summary>
    /// <param name="stages">The stages' settings (the round is <see cref="StageOptions.Run"/>'s).</param>
    /// <param name="output">Parquet export at completion (<see cref="OutputOptions.Parquet"/>).</param>
    /// <param name="environment">The cluster.</param>
    /// <param name="policyPath">The configured policy's checkpoint folder (the control topic's record of the round wins).</param>
    /// <param name="buildModels">Builds the models for a policy checkpoint once the round's policy is known.</param>
    /// <param name="untilCaughtUp">Stop at the end offsets seen at start, then record the round complete.</param>
    /// <param name="metrics">Metrics.</param>
    /// <param name="progress">Called about every second; may be null.</param>
    /// <param name="stop">Graceful stop: reading ends, what is in flight drains, finished offsets are committed.</param>
    /// <param name="prompts">
    /// The round's slice of the prompts topic (bounded runs only): the round's group starts at its start offsets (where
    /// it has committed nothing yet) and the run ends at its end offsets. Null: from the group's committed offsets (or
    /// the topic's start) to the end offsets seen at start.
    /// </param>
    /// <param name="hooks">Who records the round complete, and the role's callbacks (default: this generator records it).</param>
    public static async Task<KafkaGenerationSummary> RunAsync(
        StageOptions stages, OutputOptions output, KafkaEnvironment environment, string policyPath, Func<string, ModelSet> buildModels, bool untilCaughtUp,
        PipelineMetrics metrics, Action<PromptAccounting, long>? progress, CancellationToken stop, PromptRange? prompts = null, RoundHooks? hooks = null)
    {
        hooks ??= new RoundHooks();
        if (prompts is not null && !untilCaughtUp) throw new ArgumentException("a prompt range needs a bounded (until caught up) run", nameof(prompts));
        var started = Stopwatch.GetTimestamp();
        var topics = environment.Topics;
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(output);
        var round = stages.Run.Round;
        await environment.EnsureBaseTopicsAsync(stop);
        await environment.EnsureRoundTopicsAsync(round, stop);

        var control = new ControlTopicReader(environment).ReadState(stop);
        var (models, policy) = ResolvePolicy(round, policyPath, control.PolicyFor(round), buildModels);
        using var ownedModels = models;
        hooks.ModelsLoaded?.Invoke();
        var ends = prompts?.End ?? (untilCaughtUp ? environment.GetEndOffsets(topics.Prompts) : null);

        var transactional = environment.Options.Transactions;
        using var producer = environment.CreateProducer();
        using var plainOwned = transactional ? environment.CreateProducer(environment.Options with { Transactions = false, TransactionalId = null }) : null;
        var plain = plainOwned ?? producer;
        if (control.Round(round)?.Started is null)
        {
            await plain.ProduceControlAsync(new RoundStarted
            {
                Round = round,
                PolicyUri = policy.Uri,
                PolicySha256 = policy.Sha256,
                PromptTopic = topics.Prompts,
                PromptStartOffsets = prompts?.Start ?? [],
                PromptEndOffsets = ends ?? [],
                At = DateTimeOffset.UtcNow,
            }, stop);
        }

        var group = GroupOf(topics, round);
        var ledger = new PromptLedger(stages.Ingest.DedupWindow);
        var sink = new KafkaResultSink(producer, environment.Options.InlineImageMaxBytes, topics.Candidates(round), topics.Verdicts(round), topics.Pairs(round));
        var dlq = new KafkaDeadLetterSink(plain);
        var journal = new InFlightJournal(environment, plain, round);
        KafkaPromptSource source;
        PromptAccounting accounting;
        using (var offsets = ends is null ? null : environment.CreateGroupOffsets(group))
        {
            if (prompts is not null) offsets!.CommitIfAbsent(topics.Prompts, prompts.Start, stop);
            using var consumer = environment.CreateConsumer(group, [topics.Prompts]);
            consumer.PartitionsRevoked += journal.Release;
            if (hooks.GroupJoined is { } joined) consumer.PartitionsAssigned += _ => joined();
            // A deterministic run reads its bounded range in (partition, offset) order, whatever the fetch timing.
            var order = stages.Run.Deterministic && ends is not null
                ? new PartitionOrder(consumer, topics.Prompts, offsets!.Committed(topics.Prompts, ends.Select(e => e.Partition), stop), ends)
                : null;
            source = new KafkaPromptSource(consumer, ledger, topics.Prompts, ends, offsets, journal, order, stages.Ingest.MaxRecordBytes);
            accounting = new PromptAccounting(metrics, new ConsumerAcknowledger(consumer, ledger, journal));
            using var abort = new CancellationTokenSource();
            var topology = Topology.Build(stages, models, sink, new DeadLetters(dlq, metrics), accounting, metrics, abort.Token);
            using var ticker = progress is null ? null : new Timer(_ => progress(accounting, sink.PairCount), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            try
            {
                await PipelineRunner.RunAsync(source, topology, accounting, abort, stop);
            }
            finally
            {
                hooks.Draining?.Invoke();
                // Commits what is done (only that), also after a fault; then leaves the group.
                consumer.Close();
            }
            progress?.Invoke(accounting, sink.PairCount);
        }

        RoundGenerationComplete? complete = null;
        IReadOnlyList<string> files = [];
        if (source.CaughtUp && hooks.RecordComplete)
        {
            producer.Flush(TimeSpan.FromSeconds(30));
            (complete, files) = await RecordCompleteAsync(environment, plain, round, output, stop);
        }
        return new KafkaGenerationSummary(
            source.Read, accounting.ProcessedCount, accounting.RejectedCount, source.Redelivered, sink.PairCount, dlq.Count,
            source.CaughtUp, policy, complete, files, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// Records round <paramref name="round"/>'s generation as complete: the pairs topic's end offsets now and its distinct
    /// pair count, on the control topic; then the Parquet export when <see cref="OutputOptions.Parquet"/>. Called once
    /// every prompt of the round is done and its outputs delivered (the group committed its end offsets), by the lone
    /// generator of a bounded run or by the coordinator.
    /// </summary>
    public static async Task<(RoundGenerationComplete Complete, IReadOnlyList<string> Files)> RecordCompleteAsync(
        KafkaEnvironment environment, RecordProducer producer, int round, OutputOptions output, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(producer);
        ArgumentNullException.ThrowIfNull(output);
        var topics = environment.Topics;
        var pairsTopic = topics.Pairs(round);
        var pairEnds = environment.GetEndOffsets(pairsTopic);
        var complete = new RoundGenerationComplete
        {
            Round = round,
            PairsTopic = pairsTopic,
            PairCount = CountDistinct(environment, pairsTopic, pairEnds, stop),
            EndOffsets = pairEnds,
            At = DateTimeOffset.UtcNow,
        };
        await producer.ProduceControlAsync(complete, stop);
        producer.Flush(TimeSpan.FromSeconds(30));
        IReadOnlyList<string> files = output.Parquet
            ? (await PairsExport.WriteAsync(environment, pairsTopic, pairEnds, output, $"{topics.Prefix}-r{round:D4}", stop)).Files
            : [];
        return (complete, files);
    }

    /// <summary>Distinct <c>rlaifv-id</c>s below <paramref name="ends"/> (values are not decoded).</summary>
    public static long CountDistinct(KafkaEnvironment environment, string topic, IReadOnlyList<PartitionOffset> ends, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in environment.CreateReader().ReadRaw(topic, ends, null, cancellationToken))
            ids.Add(MessageHeaders.GetString(message.Message.Headers, MessageHeaders.Id) ?? $"{message.TopicPartitionOffset}");
        return ids.Count;
    }

    /// <summary>
    /// The models and policy identity of the round: the policy the control topic records for the round wins over the
    /// configured one (its digest is checked), else the configured one is the round's.
    /// </summary>
    private static (ModelSet Models, PolicyIdentity Policy) ResolvePolicy(
        int round, string policyPath, (string Uri, string Sha256)? recorded, Func<string, ModelSet> buildModels)
    {
        if (recorded is { } r && !r.Uri.StartsWith("model:", StringComparison.Ordinal))
        {
            policyPath = r.Uri;
            var digest = PolicyIdentity.Digest(r.Uri);
            if (!string.Equals(digest, r.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ConfigException($"the control topic names policy {r.Uri} with sha256 {r.Sha256} for round {round}, but that checkpoint's digest is {digest}");
        }
        var models = buildModels(policyPath);
        if (recorded is not { } k) return (models, PolicyIdentity.Of(policyPath, models.Policy.ModelId));
        var policy = new PolicyIdentity(k.Uri, k.Sha256);
        if (k.Uri.StartsWith("model:", StringComparison.Ordinal) && PolicyIdentity.OfModel(models.Policy.ModelId) != policy)
            throw new ConfigException($"the control topic names policy {k.Uri} for round {round}, but this generator's policy is model:{models.Policy.ModelId}");
        return (models, policy);
    }
}
