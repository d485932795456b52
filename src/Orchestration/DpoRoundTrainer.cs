using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using RlaifV.Training;

namespace RlaifV.Orchestration;

/// <summary>
/// DPO on the round's pairs with the <c>training</c> settings (<see cref="RoundTrainingJob"/>): length balance, cached
/// reference log-probs, resumable training, checkpoint round-(r+1). Dead letters go to
/// <see cref="DeadLettersPath"/> (<c>{output.dir}/train-dead-letters-rNNNN.jsonl</c>).
/// </summary>
/// <param name="loggers">The trainer's loggers.</param>
/// <param name="metrics">Training metrics, or null.</param>
public sealed class DpoRoundTrainer(ILoggerFactory loggers, TrainingMetrics? metrics = null) : IRoundTrainer
{
    /// <summary>The file of round <paramref name="round"/>'s training dead letters (JSON lines) under <paramref name="outputDirectory"/>.</summary>
    public static string DeadLettersPath(string outputDirectory, int round) =>
        Path.Combine(outputDirectory, string.Create(CultureInfo.InvariantCulture, $"train-dead-letters-r{round:D4}.jsonl"));

    /// <inheritdoc />
    public async Task<RoundTrainingResult> TrainAsync(RoundTrainingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var job = request.Training.ForRound(request.Round, request.Policy) with { ReferenceCacheDirectory = request.ReferenceCacheDirectory };
        Directory.CreateDirectory(request.OutputDirectory);
        await using var dead = new StreamWriter(DeadLettersPath(request.OutputDirectory, request.Round), append: false);
        return await new RoundTrainingJob(request.Pairs, request.Publisher, loggers, metrics, request.Selector)
            .RunAsync(job, d => dead.WriteLine(JsonSerializer.Serialize(d)), request.Progress, cancellationToken);
    }
}
