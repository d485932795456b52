using System.Globalization;
using System.Text.Json;

namespace RlaifV.Orchestration.Roles;

/// <summary>
/// What the trainer tells the coordinator about a trained round beyond the control topic's "checkpoint published" (the
/// figures of summary.json): written beside the checkpoint (<c>{training.checkpoints_dir}/round-NNNN.training.json</c>,
/// outside the checkpoint folder so its digest is the checkpoint's own), which in a cluster is the shared volume.
/// </summary>
public sealed record TrainedRound
{
    /// <summary>The round trained (its pairs).</summary>
    public required int Round { get; init; }

    /// <summary>Pairs left after de-duplication and the length-balance filter.</summary>
    public int PairsTrained { get; init; }

    /// <summary>Seconds the trainer spent (reference log-probs + DPO + publishing).</summary>
    public double Seconds { get; init; }

    /// <summary>Mean DPO loss over the last tenth of the steps.</summary>
    public double? TrainLoss { get; init; }

    /// <summary>Mean reward accuracy over the last tenth of the steps.</summary>
    public double? TrainAccuracy { get; init; }

    /// <summary>Mean reward margin over the last tenth of the steps.</summary>
    public double? TrainMargin { get; init; }

    /// <summary>Wall seconds spent computing reference log-probs.</summary>
    public double ReferenceSeconds { get; init; }

    /// <summary>Wall seconds spent in DPO.</summary>
    public double DpoSeconds { get; init; }

    /// <summary>How the checkpoint was chosen among the round's saved ones; null when it saved one.</summary>
    public string? Selection { get; init; }

    /// <summary>The chosen checkpoint's step when there was a choice.</summary>
    public int? SelectedStep { get; init; }

    /// <summary>The round's saved checkpoints and their scores.</summary>
    public IReadOnlyList<RlaifV.Schemas.Control.CheckpointCandidate> Candidates { get; init; } = [];

    /// <summary>The sha256 of the trained weights (the trainer's manifest).</summary>
    public string WeightsSha256 { get; init; } = string.Empty;

    /// <summary>The file of round <paramref name="round"/>'s record under <paramref name="checkpointsDir"/>.</summary>
    public static string PathOf(string checkpointsDir, int round) =>
        Path.Combine(checkpointsDir, string.Create(CultureInfo.InvariantCulture, $"round-{round + 1:D4}.training.json"));

    /// <summary>Writes the record atomically.</summary>
    public void Save(string checkpointsDir)
    {
        Directory.CreateDirectory(checkpointsDir);
        var path = PathOf(checkpointsDir, Round);
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(this, RunLedger.Json));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Round <paramref name="round"/>'s record, or null when the trainer wrote none (or it cannot be read).</summary>
    public static TrainedRound? Load(string checkpointsDir, int round)
    {
        var path = PathOf(checkpointsDir, round);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<TrainedRound>(File.ReadAllText(path), RunLedger.Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
