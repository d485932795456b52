using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RlaifV.Models;
using RlaifV.Schemas;

namespace RlaifV.Training;

/// <summary>
/// One round of training end to end: read the round's pairs → de-duplicate, validate, length-balance → encode for the
/// policy → reference log-probs (cached in a sidecar; only missing ones are computed, by the starting model before it
/// trains, so no second copy is kept) → DPO (resumable) → checkpoint <c>round-(r+1)</c> → publish. A round whose
/// checkpoint already exists (and has no unfinished state) is not trained again: its checkpoint is published as is.
/// With <see cref="RoundTrainingOptions.SaveEvery"/>, candidate checkpoints are saved during training and the one
/// <see cref="RoundTrainingOptions.Select"/> names (the last, or the evaluator's best) becomes <c>round-(r+1)</c>
/// (<see cref="CandidateCheckpoints"/>); the choice and the scores are published with it.
/// </summary>
public sealed class RoundTrainingJob
{
    private readonly IRoundPairSource _source;
    private readonly ICheckpointPublisher _publisher;
    private readonly ILoggerFactory _loggers;
    private readonly TrainingMetrics? _metrics;
    private readonly ILogger _logger;
    private readonly ICheckpointEvaluator? _selector;

    /// <summary>Creates the job.</summary>
    /// <param name="source">The round's pairs.</param>
    /// <param name="publisher">Where the next policy is announced.</param>
    /// <param name="loggers">Loggers.</param>
    /// <param name="metrics">Training metrics, or null.</param>
    /// <param name="selector">Scores candidate checkpoints for <c>training.select: best</c>; null when none is needed.</param>
    public RoundTrainingJob(IRoundPairSource source, ICheckpointPublisher publisher, ILoggerFactory? loggers = null, TrainingMetrics? metrics = null, ICheckpointEvaluator? selector = null)
    {
        _selector = selector;
        _source = source;
        _publisher = publisher;
        _loggers = loggers ?? NullLoggerFactory.Instance;
        _metrics = metrics;
        _logger = _loggers.CreateLogger<RoundTrainingJob>();
    }

    /// <summary>Runs the round. Dead letters go to <paramref name="deadLetter"/>; progress to <paramref name="progress"/>.</summary>
    public async Task<RoundTrainingResult> RunAsync(RoundTrainingOptions options, Action<DeadLetter> deadLetter, TextWriter? progress, CancellationToken cancellationToken)
    {
        options.Dpo.Validate();
        int dead = 0;
        void Dead(DeadLetter d)
        {
            dead++;
            _metrics?.DeadLetters.WithLabels(d.Reason).Inc();
            Log.DeadLettered(_logger, d.Key ?? d.Origin ?? "?", d.Reason, d.Detail);
            deadLetter(d);
        }

        var records = new List<RoundPairRecord>();
        await foreach (var r in _source.ReadAsync(options.Round, Dead, cancellationToken))
        {
            records.Add(r);
        }

        var (kept, report) = RoundFilter.Apply(records, options.Round, Dead, options.LengthBalance);
        Log.RoundRead(_logger, options.Round, report.Read, report.Malformed, report.Duplicates, report.LengthBalanceCut, report.Kept);
        CheckEnough(options, report, report.Kept, "after filtering");

        string target = options.CheckpointOf(options.Round + 1);
        string state = target + ".state";
        if (File.Exists(Path.Combine(target, ModelCheckpoint.ManifestFileName)) && !Directory.Exists(state))
        {
            var existing = CandidateCheckpoints.WithRecordedSelection(new CheckpointInfo(Path.GetFullPath(target), ModelCheckpoint.WeightsSha256(target), ReadStep(target)));
            await _publisher.PublishAsync(options.Round + 1, existing, cancellationToken);
            return new RoundTrainingResult(report, 0, 0, 0, dead, null, existing);
        }

        using var backend = LlavaBackend.Load(options.Policy);
        string referenceSha256 = ModelCheckpoint.WeightsSha256(options.Policy.Path);
        var encoded = PairEncoder.Encode(backend, kept, options.MaxTokens, Dead, referenceSha256);
        CheckEnough(options, report, encoded.Count, "after encoding");

        var store = new ReferenceLogProbStore(options.ReferenceCacheDirectory ?? _source.Describe(options.Round), referenceSha256);
        var cache = await store.LoadAsync(cancellationToken);
        var withCache = encoded.Select(p => p.Reference is null && cache.TryGetValue(p.Id, out var c) ? p with { Reference = c } : p).ToList();
        var missing = withCache.Where(p => p.Reference is null).ToList();
        int cached = withCache.Count - missing.Count;
        var referenceClock = System.Diagnostics.Stopwatch.StartNew();
        if (missing.Count > 0)
        {
            var computed = ReferenceLogProbComputer.Compute(backend.Engine, missing, options.ReferenceBatchPairs, progress, cancellationToken);
            foreach (var p in computed)
            {
                cache[p.Id] = p.Reference!;
            }

            await store.SaveAsync(cache, cancellationToken);
            var byId = computed.ToDictionary(p => p.Id, StringComparer.Ordinal);
            withCache = withCache.Select(p => p.Reference is null ? byId[p.Id] : p).ToList();
        }

        double referenceSeconds = referenceClock.Elapsed.TotalSeconds;
        Log.ReferenceLogProbs(_logger, cached, missing.Count, backend.ModelId);
        if (options.Select == CheckpointSelection.Best && (_selector is null || options.SaveEvery <= 0))
        {
            throw new TrainingException("training.select = best needs training.save_every > 0 and an evaluator (the built-in world's dev scenes: input.source: world, world.held_out > 0)");
        }

        using var trainer = new DpoTrainer(backend.Engine, options.Dpo, _loggers.CreateLogger<DpoTrainer>(), _metrics);
        int totalSteps = trainer.TotalSteps(withCache.Count);
        var candidateSteps = CandidateCheckpoints.Steps(totalSteps / Math.Max(1, options.Dpo.Epochs), totalSteps, options.SaveEvery);
        void SaveCandidate(TrainingStepStats _)
        {
            if (!candidateSteps.Contains(trainer.Step)) return;
            var candidate = trainer.SaveCheckpoint(CandidateCheckpoints.CandidateOf(target, trainer.Step), options.Policy.Path);
            Log.CheckpointSaved(_logger, candidate.Directory, candidate.Sha256);
        }

        var dpoClock = System.Diagnostics.Stopwatch.StartNew();
        var training = trainer.Train(withCache, state, candidateSteps.Count > 0 ? SaveCandidate : null, progress, cancellationToken);
        double dpoSeconds = dpoClock.Elapsed.TotalSeconds;
        var selectionClock = System.Diagnostics.Stopwatch.StartNew();
        if (!training.Completed)
        {
            throw new OperationCanceledException($"Training of round {options.Round} stopped at step {training.Step} of {training.TotalSteps}; its state is in {state}: rerun to resume.");
        }

        CheckpointInfo checkpoint;
        if (candidateSteps.Count == 0)
        {
            checkpoint = trainer.SaveCheckpoint(target, options.Policy.Path);
        }
        else
        {
            if (!File.Exists(Path.Combine(CandidateCheckpoints.CandidateOf(target, trainer.Step), ModelCheckpoint.ManifestFileName)))
            {
                trainer.SaveCheckpoint(CandidateCheckpoints.CandidateOf(target, trainer.Step), options.Policy.Path); // a resumed run that stopped after its last step
            }
            var (step, candidates) = await CandidateCheckpoints.ChooseAsync(target, candidateSteps, options.Select, _selector, folder => options.Policy with { Path = folder }, cancellationToken);
            checkpoint = CandidateCheckpoints.Install(target, step, options.Select, options.Select == CheckpointSelection.Best ? _selector!.Describe() : null, candidates);
            Log.CheckpointSelected(_logger, options.Round + 1, checkpoint.Selection ?? "last", step, string.Join(", ", candidates.Select(c => c.Score is { } v ? string.Create(CultureInfo.InvariantCulture, $"{c.Step}: {v:F4}") : c.Step.ToString(CultureInfo.InvariantCulture))));
        }

        Log.CheckpointSaved(_logger, checkpoint.Directory, checkpoint.Sha256);
        Directory.Delete(state, recursive: true);
        await _publisher.PublishAsync(options.Round + 1, checkpoint, cancellationToken);
        return new RoundTrainingResult(report, encoded.Count, cached, missing.Count, dead, training, checkpoint)
        {
            ReferenceSeconds = referenceSeconds,
            DpoSeconds = dpoSeconds,
            SelectionSeconds = candidateSteps.Count == 0 ? 0 : selectionClock.Elapsed.TotalSeconds,
        };
    }

    private void CheckEnough(RoundTrainingOptions options, RoundReport report, int count, string when)
    {
        if (count < options.MinPairs)
        {
            throw new TrainingException(
                $"Round {options.Round} has {count} pairs {when} ({report}; input {_source.Describe(options.Round)}), " +
                $"fewer than training.min_pairs = {options.MinPairs}: generate more prompts for the round, or lower training.min_pairs.");
        }
    }

    private static int ReadStep(string checkpoint)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(checkpoint, ModelCheckpoint.ManifestFileName)));
        return doc.RootElement.TryGetProperty("step", out var s) ? s.GetInt32() : 0;
    }
}
