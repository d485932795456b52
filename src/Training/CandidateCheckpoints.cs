using System.Globalization;
using System.Text.Json;
using RlaifV.Schemas;
using RlaifV.Schemas.Control;

namespace RlaifV.Training;

/// <summary>
/// A round's candidate checkpoints (<c>training.save_every</c>) and the choice among them (<c>training.select</c>):
/// candidates are saved under <c>round-NNNN.candidates/step-SSSSSS</c> while training runs, the final one included;
/// the chosen one is copied to <c>round-NNNN</c> with <see cref="SelectionFile"/> beside its weights, which is what a
/// republished round reports again.
/// </summary>
public static class CandidateCheckpoints
{
    /// <summary>The file in a chosen checkpoint's folder that records the choice and every candidate's score.</summary>
    public const string SelectionFile = "selection.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>
    /// The steps at which a candidate is saved: every round(<paramref name="saveEvery"/> × steps per epoch) steps (at
    /// least 1), and the last step; empty when <paramref name="saveEvery"/> is 0 (only the final checkpoint is saved).
    /// </summary>
    public static IReadOnlySet<int> Steps(int stepsPerEpoch, int totalSteps, double saveEvery)
    {
        if (saveEvery <= 0 || totalSteps <= 0) return new SortedSet<int>();
        int every = Math.Max(1, (int)Math.Round(stepsPerEpoch * saveEvery, MidpointRounding.AwayFromZero));
        var steps = new SortedSet<int> { totalSteps };
        for (int s = every; s < totalSteps; s += every) steps.Add(s);
        return steps;
    }

    /// <summary>The candidates' folder of the checkpoint <paramref name="target"/>.</summary>
    public static string FolderOf(string target) => target + ".candidates";

    /// <summary>The folder of the candidate saved at <paramref name="step"/>.</summary>
    public static string CandidateOf(string target, int step) => Path.Combine(FolderOf(target), string.Create(CultureInfo.InvariantCulture, $"step-{step:D6}"));

    /// <summary>
    /// Chooses among the saved candidates of <paramref name="steps"/>: the last, or the one <paramref name="evaluator"/>
    /// scores highest (ties go to the later step; a NaN score never wins). Returns the chosen step and every candidate.
    /// </summary>
    public static async Task<(int Step, IReadOnlyList<CheckpointCandidate> Candidates)> ChooseAsync(
        string target, IReadOnlySet<int> steps, CheckpointSelection select, ICheckpointEvaluator? evaluator,
        Func<string, RlaifV.Models.BackendOptions> load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(load);
        var candidates = new List<CheckpointCandidate>();
        foreach (int step in steps.Order())
        {
            string folder = CandidateOf(target, step);
            if (!File.Exists(Path.Combine(folder, ModelCheckpoint.ManifestFileName)))
            {
                throw new TrainingException($"candidate checkpoint {folder} is missing; delete {FolderOf(target)} and the round's state to retrain the round");
            }
            double? score = null;
            if (select == CheckpointSelection.Best)
            {
                if (evaluator is null) throw new TrainingException("training.select = best needs an evaluator (the built-in world's dev scenes: input.source: world, world.held_out > 0)");
                score = await evaluator.ScoreAsync(load(folder), cancellationToken).ConfigureAwait(false);
            }
            candidates.Add(new CheckpointCandidate { Step = step, Score = score, Sha256 = ModelCheckpoint.WeightsSha256(folder) });
        }
        int chosen = select == CheckpointSelection.Last
            ? candidates[^1].Step
            : candidates.Where(c => c.Score is { } s && !double.IsNaN(s)).OrderBy(c => c.Score).ThenBy(c => c.Step).LastOrDefault()?.Step ?? candidates[^1].Step;
        return (chosen, candidates);
    }

    /// <summary>Copies the chosen candidate to <paramref name="target"/> (atomically, through a temporary folder) with the selection record.</summary>
    public static CheckpointInfo Install(string target, int step, CheckpointSelection select, string? evaluator, IReadOnlyList<CheckpointCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        string source = CandidateOf(target, step);
        string temporary = target + ".tmp";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(temporary, Path.GetFileName(file)));
        var info = new CheckpointInfo(Path.GetFullPath(target), ModelCheckpoint.WeightsSha256(source), step)
        {
            Selection = EnumNames.Of(select),
            Evaluator = evaluator,
            Candidates = candidates,
        };
        File.WriteAllText(Path.Combine(temporary, SelectionFile), JsonSerializer.Serialize(new SelectionRecord(info.Selection, step, evaluator, candidates), Json));
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        Directory.Move(temporary, target);
        return info;
    }

    /// <summary>The selection recorded in a chosen checkpoint's folder, applied to <paramref name="info"/> (unchanged when there is none).</summary>
    public static CheckpointInfo WithRecordedSelection(CheckpointInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        string file = Path.Combine(info.Directory, SelectionFile);
        if (!File.Exists(file)) return info;
        var record = JsonSerializer.Deserialize<SelectionRecord>(File.ReadAllText(file), Json)
            ?? throw new InvalidDataException($"{file} is empty");
        return info with { Selection = record.Selection, Evaluator = record.Evaluator, Candidates = record.Candidates ?? [] };
    }

    private sealed record SelectionRecord(string? Selection, int Step, string? Evaluator, IReadOnlyList<CheckpointCandidate>? Candidates);
}
