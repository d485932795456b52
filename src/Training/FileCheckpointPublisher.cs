using System.Text.Json;

namespace RlaifV.Training;

/// <summary>Publishes checkpoints by writing <c>{checkpoints dir}/latest.json</c> (round, path, sha256), atomically.</summary>
public sealed class FileCheckpointPublisher : ICheckpointPublisher
{
    /// <summary>Creates the publisher over a checkpoints folder.</summary>
    public FileCheckpointPublisher(string checkpointsDirectory) => FilePath = Path.Combine(checkpointsDirectory, "latest.json");

    /// <summary>The manifest file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public async Task PublishAsync(int nextRound, CheckpointInfo checkpoint, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var record = new Dictionary<string, object>
        {
            ["round"] = nextRound,
            ["uri"] = new Uri(checkpoint.Directory).AbsoluteUri,
            ["sha256"] = checkpoint.Sha256,
            ["published_at"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        if (checkpoint.Selection is not null)
        {
            record["selection"] = checkpoint.Selection;
            record["selected_step"] = checkpoint.Step;
            if (checkpoint.Evaluator is not null) record["evaluator"] = checkpoint.Evaluator;
            record["candidates"] = checkpoint.Candidates.Select(c => new Dictionary<string, object?> { ["step"] = c.Step, ["score"] = c.Score, ["sha256"] = c.Sha256 }).ToList();
        }
        string json = JsonSerializer.Serialize(record);
        await File.WriteAllTextAsync(FilePath + ".tmp", json, cancellationToken);
        File.Move(FilePath + ".tmp", FilePath, overwrite: true);
    }
}
