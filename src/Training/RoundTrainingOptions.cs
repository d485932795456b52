using RlaifV.Models;

namespace RlaifV.Training;

/// <summary>One round's training job: where the pairs and the policy are, where checkpoints go, and the settings.</summary>
public sealed record RoundTrainingOptions
{
    /// <summary>The round whose pairs are trained on; the checkpoint produced is round + 1's policy.</summary>
    public required int Round { get; init; }

    /// <summary>The round's starting policy (also the reference), with device, dtype and threads.</summary>
    public required BackendOptions Policy { get; init; }

    /// <summary>Folder of per-round checkpoints: <c>round-NNNN</c> (the result) and <c>round-NNNN.state</c> (resumable state).</summary>
    public required string CheckpointsDirectory { get; init; }

    /// <summary>DPO settings.</summary>
    public DpoOptions Dpo { get; init; } = new();

    /// <summary>Fewest pairs left after filtering for the round to be trained (default 8, one global batch).</summary>
    public int MinPairs { get; init; } = 8;

    /// <summary>Longest prompt + response in tokens; longer pairs are dead-lettered (default 2048).</summary>
    public int MaxTokens { get; init; } = 2048;

    /// <summary>
    /// The length-balance filter of method step 7 over the round's pairs (default true, the method). False trains on
    /// every pair: a deviation, for ablations and for data whose only length differences are the errors themselves.
    /// </summary>
    public bool LengthBalance { get; init; } = true;

    /// <summary>Pairs per reference log-prob forward (default 4).</summary>
    public int ReferenceBatchPairs { get; init; } = 4;

    /// <summary>
    /// Folder of the round's reference log-prob sidecar; null (default): the pair source's own folder (the round's
    /// Parquet folder). A Kafka round has no folder of its own, so its caller names one.
    /// </summary>
    public string? ReferenceCacheDirectory { get; init; }

    /// <summary>Save a candidate checkpoint every this fraction of an epoch; 0 (default): only the final one.</summary>
    public double SaveEvery { get; init; }

    /// <summary>Which saved candidate becomes the next policy (default <see cref="CheckpointSelection.Last"/>).</summary>
    public CheckpointSelection Select { get; init; } = CheckpointSelection.Last;

    /// <summary>The checkpoint folder of round <paramref name="round"/>'s policy under <see cref="CheckpointsDirectory"/>.</summary>
    public string CheckpointOf(int round) => Path.Combine(CheckpointsDirectory, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"round-{round:D4}"));
}
