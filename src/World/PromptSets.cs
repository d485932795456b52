namespace RlaifV.World;

/// <summary>
/// Seeded prompt sets: fresh training prompts per round and one fixed held-out evaluation set. Training and
/// evaluation scenes come from separate seed streams, so a round never trains on the evaluation scenes'
/// draws, and every set is the same on every machine.
/// </summary>
public static class PromptSets
{
    /// <summary>Default size of the held-out evaluation set.</summary>
    public const int DefaultHeldOutCount = 1000;

    private static readonly ulong TrainStream = WorldRandom.StreamId("train");
    private static readonly ulong EvalStream = WorldRandom.StreamId("eval");

    /// <summary>
    /// Round <paramref name="round"/>'s training prompts (ids <c>world-r0003-000000</c>, …): a description
    /// request with probability <see cref="PromptSetOptions.DescriptionShare"/>, otherwise a short question.
    /// </summary>
    public static IReadOnlyList<WorldPrompt> TrainingRound(ulong seed, int round, int count, PromptSetOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(round);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options ??= PromptSetOptions.Default;
        return Enumerable.Range(0, count).Select(i =>
        {
            var sceneSeed = WorldRandom.Derive(seed, TrainStream, (ulong)round, (ulong)i);
            var scene = SceneGenerator.Generate(sceneSeed, options.Scenes);
            var rng = new WorldRandom(WorldRandom.Derive(sceneSeed, TrainStream));
            var question = rng.Chance(options.DescriptionShare) ? WorldQuestion.Describe : QuestionGenerator.Generate(scene, rng);
            return new WorldPrompt($"world-r{round:D4}-{i:D6}", sceneSeed, scene, question, SceneRenderer.Render(scene, options.Render));
        }).ToList();
    }

    /// <summary>
    /// The fixed held-out evaluation set (ids <c>world-eval-000000</c>, …): description requests only, as
    /// Object HalBench asks for detailed descriptions.
    /// </summary>
    public static IReadOnlyList<WorldPrompt> HeldOut(ulong seed, int count = DefaultHeldOutCount, PromptSetOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        options ??= PromptSetOptions.Default;
        return Enumerable.Range(0, count).Select(i =>
        {
            var sceneSeed = WorldRandom.Derive(seed, EvalStream, (ulong)i);
            var scene = SceneGenerator.Generate(sceneSeed, options.Scenes);
            return new WorldPrompt($"world-eval-{i:D6}", sceneSeed, scene, WorldQuestion.Describe, SceneRenderer.Render(scene, options.Render));
        }).ToList();
    }

    /// <summary>Writes prompts as JSON lines (see <see cref="WorldPrompt.ToJsonLine"/>).</summary>
    public static void WriteJsonl(IEnumerable<WorldPrompt> prompts, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(prompts);
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var p in prompts) writer.WriteLine(p.ToJsonLine());
    }
}
