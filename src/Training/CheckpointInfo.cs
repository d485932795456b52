using RlaifV.Schemas.Control;

namespace RlaifV.Training;

/// <summary>A saved checkpoint: its folder and the SHA-256 of its weights (what the control topic publishes).</summary>
/// <param name="Directory">The checkpoint folder (Hugging Face layout).</param>
/// <param name="Sha256">Lower-case hex SHA-256 over the weight files' bytes in index order (for one file, that file's sha256sum).</param>
/// <param name="Step">Optimizer steps behind it.</param>
public sealed record CheckpointInfo(string Directory, string Sha256, int Step)
{
    /// <summary>How it was chosen among the round's saved checkpoints (<c>last</c>, <c>best</c>); null when the round saved only this one.</summary>
    public string? Selection { get; init; }

    /// <summary>What scored the candidates; null when none was scored.</summary>
    public string? Evaluator { get; init; }

    /// <summary>Every checkpoint the round saved, with its score when scored (empty when the round saved only this one).</summary>
    public IReadOnlyList<CheckpointCandidate> Candidates { get; init; } = [];
}
