using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RlaifV.Schemas;
using RlaifV.Schemas.Control;

namespace RlaifV.Kafka;

/// <summary>
/// The Kafka form of every RlaifV record: data records are keyed by prompt id and identified by their
/// deterministic ids; control records are keyed by round and event (<c>r0003.started</c>), so compaction
/// keeps the latest of each event of each round.
/// </summary>
public static class KafkaRecordTypes
{
    /// <summary>Prompts: key and id = prompt id.</summary>
    public static KafkaRecordType<Prompt> Prompt { get; } = new(Schemas.Prompt.Layout, p => p.Id, p => p.Id);

    /// <summary>Candidates: key = prompt id, id = candidate id.</summary>
    public static KafkaRecordType<Candidate> Candidate { get; } = new(Schemas.Candidate.Layout, c => c.PromptId, c => c.Id);

    /// <summary>Scored candidates (the verdicts topic): key = prompt id, id = candidate id.</summary>
    public static KafkaRecordType<ScoredCandidate> ScoredCandidate { get; } =
        new(Schemas.ScoredCandidate.Layout, s => s.Candidate.PromptId, s => s.Candidate.Id);

    /// <summary>Preference pairs: key = prompt id, id = pair id.</summary>
    public static KafkaRecordType<PreferencePair> PreferencePair { get; } = new(Schemas.PreferencePair.Layout, p => p.PromptId, p => p.Id);

    /// <summary>
    /// Dead letters: key = the rejected message's key (empty when unknown), id = a hash of stage, reason,
    /// key, origin and input, so the same rejection written twice is recognisably the same.
    /// </summary>
    public static KafkaRecordType<DeadLetter> DeadLetter { get; } = new(Schemas.DeadLetter.Layout, d => d.Key ?? string.Empty, DeadLetterId);

    /// <summary>Round started: key and id = <c>rNNNN.started</c>.</summary>
    public static KafkaRecordType<RoundStarted> RoundStarted { get; } =
        new(Schemas.Control.RoundStarted.Layout, s => ControlKey(s.Round, "started"), s => ControlKey(s.Round, "started"));

    /// <summary>Round generation complete: key and id = <c>rNNNN.generation-complete</c>.</summary>
    public static KafkaRecordType<RoundGenerationComplete> RoundGenerationComplete { get; } =
        new(Schemas.Control.RoundGenerationComplete.Layout, s => ControlKey(s.Round, "generation-complete"), s => ControlKey(s.Round, "generation-complete"));

    /// <summary>Checkpoint published: key and id = <c>rNNNN.checkpoint-published</c>.</summary>
    public static KafkaRecordType<CheckpointPublished> CheckpointPublished { get; } =
        new(Schemas.Control.CheckpointPublished.Layout, s => ControlKey(s.Round, "checkpoint-published"), s => ControlKey(s.Round, "checkpoint-published"));

    /// <summary>The control-topic key of an event of a round, for example <c>r0003.started</c>.</summary>
    public static string ControlKey(int round, string eventName) =>
        string.Create(CultureInfo.InvariantCulture, $"r{round:D4}.{eventName}");

    private static string DeadLetterId(DeadLetter d)
    {
        var text = string.Join('\u001f', d.Stage, d.Reason, d.Key ?? string.Empty, d.Origin ?? string.Empty, d.Input);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return "dlq-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
