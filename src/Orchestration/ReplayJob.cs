using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using RlaifV.Kafka;
using RlaifV.Kafka.Generation;
using RlaifV.Schemas;
using RlaifV.Stages;
using RlaifV.Stages.Flow;
using RlaifV.Stages.Graph;
using RlaifV.Stages.Options;
using RlaifV.Stages.Ports;

namespace RlaifV.Orchestration;

/// <summary>
/// <c>rlaifv replay</c>: re-runs the stages after a round's candidates topic (extract → rewrite → verify
/// → pair, with the configured extractor, rewriter and labeler) or after its verdicts topic (pair, with
/// the configured pairing), without sampling anything, into variant topics
/// (<c>rNNNN.verdicts-{variant}</c>, <c>rNNNN.pairs-{variant}</c>) and optionally Parquet. The input is
/// read up to its current end, duplicates dropped by id; each prompt's record (its image) comes from the
/// prompts topic. Every output message carries the headers <c>rlaifv-replay-of</c> (the input topic) and
/// <c>rlaifv-replay-settings</c> (the settings that made it, as JSON).
/// </summary>
public static class ReplayJob
{
    /// <summary>Header naming the topic a replay read.</summary>
    public const string ReplayOfHeader = "rlaifv-replay-of";

    /// <summary>Header holding the settings a replay ran with (JSON).</summary>
    public const string SettingsHeader = "rlaifv-replay-settings";

    /// <summary>Runs a replay of round <c>stages.Run.Round</c>.</summary>
    /// <param name="stages">The stages' settings (the round is <see cref="StageOptions.Run"/>'s).</param>
    /// <param name="output">Parquet export of the new pairs (<see cref="OutputOptions.Parquet"/>).</param>
    /// <param name="environment">The cluster.</param>
    /// <param name="models">The models (the policy is not called).</param>
    /// <param name="start">Replay the stages after candidates (<see cref="ReplayStart.Extract"/>) or after verdicts (<see cref="ReplayStart.Pair"/>).</param>
    /// <param name="variant">The output topics' variant name.</param>
    /// <param name="metrics">Metrics.</param>
    /// <param name="cancellationToken">Aborts.</param>
    public static async Task<ReplaySummary> RunAsync(
        StageOptions stages, OutputOptions output, KafkaEnvironment environment, ModelSet models, ReplayStart start, string variant,
        PipelineMetrics metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(output);
        var started = Stopwatch.GetTimestamp();
        var topics = environment.Topics;
        var round = stages.Run.Round;
        var input = start == ReplayStart.Extract ? topics.Candidates(round) : topics.Verdicts(round);
        var verdictsOut = start == ReplayStart.Extract ? topics.Verdicts(round, variant) : null;
        var pairsOut = topics.Pairs(round, variant);
        if (pairsOut == topics.Pairs(round)) throw new ConfigException("replay: the variant must differ from the original topics");
        await environment.EnsureBaseTopicsAsync(cancellationToken);
        await environment.EnsureTopicsAsync(verdictsOut is null ? [pairsOut] : [verdictsOut, pairsOut], cancellationToken);

        var groups = ReadCandidates(environment, input, start, cancellationToken);
        var prompts = ReadPrompts(environment, groups.Keys.ToHashSet(StringComparer.Ordinal), cancellationToken);

        var headers = new List<KeyValuePair<string, string>>
        {
            new(ReplayOfHeader, input),
            new(SettingsHeader, Settings(stages, models, start)),
        };
        using var producer = environment.CreateProducer();
        using var plainOwned = environment.Options.Transactions ? environment.CreateProducer(environment.Options with { Transactions = false, TransactionalId = null }) : null;
        var plain = plainOwned ?? producer;
        var sink = new KafkaResultSink(producer, environment.Options.InlineImageMaxBytes, null, verdictsOut, pairsOut, headers);
        var deadLetters = new DeadLetters(new KafkaDeadLetterSink(plain), metrics);
        var accounting = new PromptAccounting(metrics);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var topology = Topology.BuildFrom(start, stages, models, sink, deadLetters, accounting, metrics, abort.Token);
        var replayed = new Replayed(input, topics.Prompts, groups, prompts, start, new PromptValidator(stages.Ingest, models.Images), deadLetters);
        await PipelineRunner.RunAsync(replayed.ReadAsync(abort.Token), topology, accounting, abort, cancellationToken);

        IReadOnlyList<string> files = [];
        if (output.Parquet)
        {
            var ends = environment.GetEndOffsets(pairsOut);
            files = (await PairsExport.WriteAsync(environment, pairsOut, ends, output, $"{topics.Prefix}-r{round:D4}-{variant}", cancellationToken)).Files;
        }
        return new ReplaySummary(input, verdictsOut, pairsOut, accounting.ProcessedCount, groups.Values.Sum(g => g.Count), sink.PairCount, replayed.Missing, files, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The input's candidates grouped by prompt, in first-seen order, duplicates dropped, without their prompt yet.</summary>
    private static Dictionary<string, List<CandidateItem>> ReadCandidates(KafkaEnvironment environment, string topic, ReplayStart start, CancellationToken cancellationToken)
    {
        var ends = environment.GetEndOffsets(topic);
        var reader = environment.CreateReader();
        var placeholder = new PromptItem(new Prompt { Id = string.Empty, Instruction = string.Empty, Kind = PromptKind.ShortAnswer, Image = new ImageRef { Sha256 = string.Empty } }, new PromptTicket(topic, 0));
        IEnumerable<CandidateItem> items = start == ReplayStart.Extract
            ? reader.Read(topic, KafkaRecordTypes.Candidate, ends, cancellationToken: cancellationToken)
                .Select(c => new CandidateItem { Source = placeholder, Candidate = c, Expected = 0 })
            : reader.Read(topic, KafkaRecordTypes.ScoredCandidate, ends, cancellationToken: cancellationToken)
                .Select(s => new CandidateItem { Source = placeholder, Candidate = s.Candidate, Expected = 0, Verdicts = s.Verdicts, LabelerId = s.LabelerId });
        var groups = new Dictionary<string, List<CandidateItem>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!groups.TryGetValue(item.Candidate.PromptId, out var list)) groups[item.Candidate.PromptId] = list = [];
            list.Add(item);
        }
        foreach (var list in groups.Values) list.Sort((a, b) => a.Candidate.Index.CompareTo(b.Candidate.Index));
        return groups;
    }

    /// <summary>The prompt records of <paramref name="wanted"/> from the prompts topic (first good record of each id).</summary>
    private static Dictionary<string, Prompt> ReadPrompts(KafkaEnvironment environment, HashSet<string> wanted, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Prompt>(StringComparer.Ordinal);
        var topic = environment.Topics.Prompts;
        foreach (var message in environment.CreateReader().ReadRaw(topic, environment.GetEndOffsets(topic), null, cancellationToken))
        {
            if (message.Message.Key is not { } key || !wanted.Contains(key) || found.ContainsKey(key)) continue;
            try
            {
                found[key] = KafkaRecordTypes.Prompt.Decode(message);
            }
            catch (InvalidDataException)
            {
                // A malformed message under this key was dead-lettered by the generator; a good one may follow.
            }
            if (found.Count == wanted.Count) break;
        }
        return found;
    }

    /// <summary>The settings that shape a replay's output, as compact JSON.</summary>
    private static string Settings(StageOptions o, ModelSet models, ReplayStart start)
    {
        var settings = start == ReplayStart.Extract
            ? new Dictionary<string, object?>
            {
                ["from"] = "candidates",
                ["extractor"] = models.Extractor.ExtractorId,
                ["claims"] = EnumNames.Of(o.Claims.Extractor),
                ["questions"] = EnumNames.Of(o.Questions.Rewriter),
                ["questions_suffix"] = o.Questions.Suffix,
                ["labeler"] = models.Labeler.ModelId,
                ["min_delta"] = o.Pairing.MinDelta,
                ["pairs_per_prompt"] = o.Pairing.PairsPerPrompt,
                ["length_balance_window"] = o.Pairing.LengthBalanceWindow,
                ["global_seed"] = o.Run.GlobalSeed,
            }
            : new Dictionary<string, object?>
            {
                ["from"] = "verdicts",
                ["min_delta"] = o.Pairing.MinDelta,
                ["pairs_per_prompt"] = o.Pairing.PairsPerPrompt,
                ["length_balance_window"] = o.Pairing.LengthBalanceWindow,
                ["global_seed"] = o.Run.GlobalSeed,
            };
        return JsonSerializer.Serialize(settings);
    }

    /// <summary>
    /// The replay's input, prompt by prompt: each prompt's candidates with its record, or a dead letter (stage
    /// <c>replay</c>) when the record is missing or, from extract, fails the ingest check (<see cref="PromptValidator"/>:
    /// its image is read under <c>ingest.image_root</c>, symbolic links included, and checked against its sha256).
    /// </summary>
    private sealed class Replayed(
        string input, string promptsTopic, Dictionary<string, List<CandidateItem>> groups, Dictionary<string, Prompt> prompts, ReplayStart start, PromptValidator validator, DeadLetters deadLetters)
    {
        /// <summary>Prompts dead-lettered (no record, or an image that cannot be used).</summary>
        public long Missing { get; private set; }

        public async IAsyncEnumerable<CandidateGroup> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            long position = 0;
            foreach (var (promptId, candidates) in groups)
            {
                if (!prompts.TryGetValue(promptId, out var prompt))
                {
                    Missing++;
                    await deadLetters.WriteAsync("replay", DeadLetterReasons.MissingField, $"no prompt record with id '{promptId}' on {promptsTopic}", promptId, input, promptId, cancellationToken);
                    continue;
                }
                if (start == ReplayStart.Extract)
                {
                    // The stages re-judge the candidates with the image: the prompt is checked as ingest checks it.
                    var check = validator.Check(PromptDraft.Of(prompt));
                    if (check.Prompt is null)
                    {
                        Missing++;
                        await deadLetters.WriteAsync("replay", check.Reason!, check.Detail!, promptId, input, prompt.Image.Uri ?? promptId, cancellationToken);
                        continue;
                    }
                    prompt = check.Prompt;
                }
                var ticket = new PromptTicket($"{input}/{promptId}", position++);
                var source = new PromptItem(prompt, ticket);
                yield return new CandidateGroup(ticket, candidates.Select(c => c with { Source = source, Expected = candidates.Count }).ToList());
            }
        }
    }
}
