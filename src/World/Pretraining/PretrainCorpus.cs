using RlaifV.Stages.Ports;

namespace RlaifV.World.Pretraining;

/// <summary>
/// The seeded supervised corpora of <c>rlaifv world pretrain</c>, drawn from their own scene stream (never the
/// pipeline's training rounds or the held-out set): the policy's descriptions and short answers with
/// <see cref="BiasProfile.Default"/>'s errors planted, and the labeler's yes/no questions answered by the
/// <see cref="YesNoOracle"/>. Example <c>i</c> depends only on (seed, i).
/// </summary>
public static class PretrainCorpus
{
    /// <summary>Appended to every labeler question, as the pipeline's rewriter does.</summary>
    public const string QuestionSuffix = " Please answer yes or no.";

    private static readonly ClaimError[] ErrorKinds = [ClaimError.WrongColour, ClaimError.WrongSize, ClaimError.WrongPosition, ClaimError.WrongCount, ClaimError.ExtraObject];
    private static readonly ulong PolicyStream = WorldRandom.StreamId("pretrain-policy");
    private static readonly ulong LabelerStream = WorldRandom.StreamId("pretrain-labeler");
    private static readonly ulong PoolStream = WorldRandom.StreamId("pretrain-labeler-pool");

    /// <summary>The policy's example <paramref name="index"/>: a description (share <paramref name="descriptionShare"/>) or a short answer, corrupted.</summary>
    public static SftExample PolicyExample(ulong seed, long index, double descriptionShare)
    {
        var sceneSeed = WorldRandom.Derive(seed, PolicyStream, (ulong)index);
        var scene = SceneGenerator.Generate(sceneSeed);
        var rng = new WorldRandom(WorldRandom.Derive(sceneSeed, 1));
        var question = rng.Chance(descriptionShare) ? WorldQuestion.Describe : QuestionGenerator.Generate(scene, rng);
        var response = HallucinationInjector.CorruptAnswer(scene, question, BiasProfile.Default, WorldRandom.Derive(sceneSeed, 2));
        return new SftExample(Image(scene), question.Text, response.Text);
    }

    /// <summary>
    /// The scenes whose descriptions the trained policy is sampled on, to collect the claims it actually makes
    /// for the labeler's corpus (prompts <c>world-pretrain-pool-…</c>).
    /// </summary>
    public static IReadOnlyList<WorldPrompt> ClaimPoolPrompts(ulong seed, int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var sceneSeed = WorldRandom.Derive(seed, PoolStream, (ulong)i);
            var scene = SceneGenerator.Generate(sceneSeed);
            return new WorldPrompt($"world-pretrain-pool-{i:D6}", sceneSeed, scene, WorldQuestion.Describe, SceneRenderer.Render(scene));
        }).ToList();

    /// <summary>
    /// The labeler's example <paramref name="index"/>: with probability <paramref name="policyClaimShare"/> a claim
    /// from <paramref name="pool"/> (the policy's own sampled claims, each with its scene), otherwise a random claim
    /// about a fresh scene, true or false with equal chance (a false one from the injector: wrong colour, size,
    /// position or count, or an extra object). A pool draw is one of the policy's false claims with probability
    /// <paramref name="falseShare"/> (when it has any): its hallucinations are a small minority of what it says, and
    /// they are exactly what the labeler must learn to reject. The question is the claim's polar question plus
    /// <see cref="QuestionSuffix"/>; the answer is "yes" or "no" from the oracle.
    /// </summary>
    public static SftExample LabelerExample(ulong seed, long index, double policyClaimShare, ClaimPool pool, double falseShare = 0.5)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var rng = new WorldRandom(WorldRandom.Derive(seed, LabelerStream, (ulong)index));
        for (int attempt = 0; ; attempt++)
        {
            if (pool.Count > 0 && rng.Chance(policyClaimShare))
            {
                var side = pool.False.Count > 0 && (pool.True.Count == 0 || rng.Chance(falseShare)) ? pool.False : pool.True;
                var (scene, image, claim) = rng.Pick(side);
                if (Ask(scene, claim) is { } example)
                {
                    return example with { Image = new ImageInput(image.Sha256, image.Png) };
                }

                continue;
            }

            var fresh = SceneGenerator.Generate(rng.NextUInt64());
            Statement? statement;
            if (rng.Chance(0.5))
            {
                statement = rng.Pick(Describer.Describe(fresh));
            }
            else
            {
                var corrupted = HallucinationInjector.Inject(fresh, rng.Pick(ErrorKinds), rng.NextUInt64());
                statement = corrupted is { Errors.Count: > 0 } ? corrupted.Errors[0].Statement : null;
            }

            if (statement is not null && Ask(fresh, statement) is { } made)
            {
                return made with { Image = Image(fresh) };
            }

            if (attempt > 1000)
            {
                throw new InvalidOperationException("No answerable labeler question could be drawn.");
            }
        }
    }

    /// <summary>The labeler question for <paramref name="claim"/> (its polar question plus the suffix).</summary>
    public static string Question(Statement claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return claim.PolarQuestion + QuestionSuffix;
    }

    /// <summary>The encoded image of <paramref name="scene"/>, as the pipeline hands it to a model.</summary>
    public static ImageInput Image(Scene scene)
    {
        var image = SceneRenderer.Render(scene);
        return new ImageInput(image.Sha256, image.Png);
    }

    private static SftExample? Ask(Scene scene, Statement claim)
    {
        string question = Question(claim);
        return YesNoOracle.AnswerWord(scene, question) is { } answer ? new SftExample(new ImageInput("", ReadOnlyMemory<byte>.Empty), question, answer) : null;
    }

    /// <summary>The policy's own sampled claims, split by the oracle's answer.</summary>
    /// <param name="True">Claims the oracle answers "yes".</param>
    /// <param name="False">Claims the oracle answers "no".</param>
    public sealed record ClaimPool(IReadOnlyList<(Scene Scene, RenderedImage Image, Statement Claim)> True, IReadOnlyList<(Scene Scene, RenderedImage Image, Statement Claim)> False)
    {
        /// <summary>No claims.</summary>
        public static ClaimPool Empty { get; } = new([], []);

        /// <summary>All claims.</summary>
        public int Count => True.Count + False.Count;

        /// <summary>Splits <paramref name="claims"/> by the oracle's answer to each claim's question.</summary>
        public static ClaimPool Split(IEnumerable<(Scene Scene, RenderedImage Image, Statement Claim)> claims)
        {
            ArgumentNullException.ThrowIfNull(claims);
            var yes = new List<(Scene, RenderedImage, Statement)>();
            var no = new List<(Scene, RenderedImage, Statement)>();
            foreach (var c in claims)
            {
                (YesNoOracle.Answer(c.Scene, Question(c.Claim)) == true ? yes : no).Add(c);
            }

            return new ClaimPool(yes, no);
        }
    }
}
