using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using RlaifV.Orchestration;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;
using RlaifV.Training;

namespace RlaifV.GeneratorHost;

/// <summary>
/// The doubles' "model": a checkpoint folder holding <c>policy.json</c> with the share of hallucinated shapes the
/// <see cref="ShapesPolicy"/> samples. <see cref="Trainer"/> is a training double: it reads the round's pairs through the
/// real pair source and filter, and writes the next checkpoint with a lower share (halved when the round had pairs),
/// so each round's policy differs from the last — in its digest and in what it samples.
/// </summary>
public static class ShapesRun
{
    /// <summary>The file in a checkpoint folder.</summary>
    public const string FileName = "policy.json";

    /// <summary>Writes a checkpoint folder with <paramref name="share"/>.</summary>
    public static void WriteCheckpoint(string directory, double share, int round)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(new Dictionary<string, object> { ["hallucination_share"] = share, ["round"] = round }));
    }

    /// <summary>The share in the checkpoint at <paramref name="directory"/> (null: uniform colours, the plain double).</summary>
    public static double? ShareOf(string directory)
    {
        var file = Path.Combine(directory, FileName);
        if (string.IsNullOrEmpty(directory) || !File.Exists(file)) return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        return doc.RootElement.GetProperty("hallucination_share").GetDouble();
    }

    /// <summary>The doubles for a round's options (the policy reads its checkpoint); with <paramref name="poison"/>, a policy that kills the process on it.</summary>
    public static ModelSet Models(PipelineOptions options, TimeSpan? delay, string? poison = null)
    {
        IPolicySampler policy = new ShapesPolicy(delay, ShareOf(options.Models.Policy.Path));
        if (poison is not null) policy = new PoisonedPolicy(policy, poison);
        return new(policy, new RuleBasedClaimExtractor(), new RuleBasedQuestionRewriter(), new ColourLabeler(), new RlaifV.Models.SkiaImageDecoder());
    }

    /// <summary>A policy that ends the process at once (<see cref="Environment.FailFast(string)"/>) on an instruction holding the marker.</summary>
    private sealed class PoisonedPolicy(IPolicySampler inner, string marker) : IPolicySampler
    {
        public string ModelId => inner.ModelId;

        public Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            if (batch.Any(r => r.Instruction.Contains(marker, StringComparison.Ordinal))) Environment.FailFast($"test poison: an instruction holds '{marker}'");
            return inner.SampleAsync(batch, settings, cancellationToken);
        }
    }

    /// <summary>The training double; with <paramref name="delay"/>, each round's training takes that long (so a test can kill it mid-training).</summary>
    public sealed class Trainer(TimeSpan? delay = null) : IRoundTrainer
    {
        /// <inheritdoc />
        public async Task<RoundTrainingResult> TrainAsync(RoundTrainingRequest request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            if (delay is { } d) await Task.Delay(d, cancellationToken);
            var records = new List<RoundPairRecord>();
            int dead = 0;
            await foreach (var r in request.Pairs.ReadAsync(request.Round, _ => dead++, cancellationToken)) records.Add(r);
            var (kept, report) = RoundFilter.Apply(records, request.Round, _ => dead++);
            var share = ShareOf(request.PolicyPath) ?? 1.0 / 3;
            var next = kept.Count > 0 ? share / 2 : share;
            var target = Path.Combine(request.Training.CheckpointsDir, string.Create(CultureInfo.InvariantCulture, $"round-{request.Round + 1:D4}"));
            WriteCheckpoint(target, next, request.Round + 1);
            var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(target, FileName))));
            var checkpoint = new CheckpointInfo(Path.GetFullPath(target), sha, kept.Count);
            await request.Publisher.PublishAsync(request.Round + 1, checkpoint, cancellationToken);
            return new RoundTrainingResult(report, kept.Count, 0, 0, dead, null, checkpoint);
        }
    }
}
