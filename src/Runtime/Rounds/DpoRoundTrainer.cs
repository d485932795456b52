using System.Globalization;
using System.Text.Json;
using RlaifV.Runtime.Cli;
using RlaifV.Training;

namespace RlaifV.Runtime.Rounds;

/// <summary>
/// DPO on the round's pairs with the <c>training</c> settings (<see cref="RoundTrainingJob"/>): length balance, cached
/// reference log-probs, resumable training, checkpoint round-(r+1). Dead letters go to
/// <c>{output.dir}/train-dead-letters-rNNNN.jsonl</c>.
/// </summary>
public sealed class DpoRoundTrainer(TrainingMetrics? metrics = null) : IRoundTrainer
{
    /// <inheritdoc />
    public async Task<RoundTrainingResult> TrainAsync(RoundTrainingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = request.Options;
        var job = TrainingSetup.Round(options, request.Round, request.PolicyPath) with { ReferenceCacheDirectory = request.ReferenceCacheDirectory };
        Directory.CreateDirectory(options.Output.Dir);
        string deadPath = Path.Combine(options.Output.Dir, string.Create(CultureInfo.InvariantCulture, $"train-dead-letters-r{request.Round:D4}.jsonl"));
        await using var dead = new StreamWriter(deadPath, append: false);
        using var loggers = TrainingSetup.Loggers();
        return await new RoundTrainingJob(request.Pairs, request.Publisher, loggers, metrics)
            .RunAsync(job, d => dead.WriteLine(JsonSerializer.Serialize(d)), request.Progress, cancellationToken);
    }
}
