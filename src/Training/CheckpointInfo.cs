namespace RlaifV.Training;

/// <summary>A saved checkpoint: its folder and the SHA-256 of its weights (what the control topic publishes).</summary>
/// <param name="Directory">The checkpoint folder (Hugging Face layout).</param>
/// <param name="Sha256">Lower-case hex SHA-256 over the weight files' bytes in index order (for one file, that file's sha256sum).</param>
/// <param name="Step">Optimizer steps behind it.</param>
public sealed record CheckpointInfo(string Directory, string Sha256, int Step);
