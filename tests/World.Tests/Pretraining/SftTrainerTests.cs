using RlaifV.Models;
using RlaifV.World.Pretraining;

namespace RlaifV.World.Tests.Pretraining;

public sealed class SftTrainerTests : IDisposable
{
    private readonly string _dir = PretrainTestOptions.NewDirectory();

    [Fact]
    public void TrainStep_TinyBudget_LossDecreases()
    {
        var options = PretrainTestOptions.Tiny;
        WorldModelFactory.CreateInitial(_dir, options);
        using var backend = LlavaBackend.Load(new BackendOptions { Path = _dir, Device = "cpu", Threads = 1, BatchSize = 8 });
        var batch = Enumerable.Range(0, 8).Select(i => PretrainCorpus.PolicyExample(options.Seed, i, 0.5)).ToList();
        using var trainer = new SftTrainer(backend, 3e-3, 0.01, 30, 0.1);
        double before = trainer.Evaluate(batch);
        var losses = Enumerable.Range(0, 30).Select(_ => trainer.TrainStep(batch)).ToList();
        double after = trainer.Evaluate(batch);

        Assert.True(after < before * 0.8, $"loss {before:F3} -> {after:F3}");
        Assert.True(losses[^1] < losses[0], $"step losses {losses[0]:F3} -> {losses[^1]:F3}");
        Assert.Equal(30, trainer.Step);
    }

    [Fact]
    public void LearningRateAt_WarmupThenCosine_PeaksAndDecays()
    {
        var options = PretrainTestOptions.Tiny;
        WorldModelFactory.CreateInitial(_dir, options);
        using var backend = LlavaBackend.Load(new BackendOptions { Path = _dir, Device = "cpu", Threads = 1 });
        using var trainer = new SftTrainer(backend, 1e-3, 0, 100, 0.1);

        Assert.Equal(1e-4, trainer.LearningRateAt(0), 12);
        Assert.Equal(1e-3, trainer.LearningRateAt(9), 12);
        Assert.Equal(5e-4, trainer.LearningRateAt(55), 12);
        Assert.True(trainer.LearningRateAt(99) < 1e-6);
    }

    [Fact]
    public void PolicyExample_SameSeed_SameExample()
    {
        var a = PretrainCorpus.PolicyExample(9, 17, 0.5);
        var b = PretrainCorpus.PolicyExample(9, 17, 0.5);

        Assert.Equal(a.Instruction, b.Instruction);
        Assert.Equal(a.Response, b.Response);
        Assert.Equal(a.Image.Sha256, b.Image.Sha256);
    }

    [Fact]
    public void LabelerExample_RandomClaims_AnswersMatchOracleAndBothOccur()
    {
        var answers = Enumerable.Range(0, 60).Select(i => PretrainCorpus.LabelerExample(4, i, 0, PretrainCorpus.ClaimPool.Empty)).ToList();

        Assert.All(answers, e => Assert.EndsWith(PretrainCorpus.QuestionSuffix, e.Instruction, StringComparison.Ordinal));
        Assert.Contains(answers, e => e.Response == "yes");
        Assert.Contains(answers, e => e.Response == "no");
    }

    [Fact]
    public void LabelerExample_PolicyClaims_SplitByTruthAndFalseOnesDrawnAtTheirShare()
    {
        // A pool like the policy's: mostly true claims, a few false ones (an extra object in each scene).
        var claims = Enumerable.Range(0, 40).SelectMany(i =>
        {
            var scene = SceneGenerator.Generate((ulong)(100 + i));
            var image = SceneRenderer.Render(scene);
            var truths = Describer.Describe(scene).Select(s => (Scene: scene, Image: image, Claim: s));
            return HallucinationInjector.Inject(scene, ClaimError.ExtraObject, (ulong)i) is { Errors: [var e, ..] } ? truths.Append((Scene: scene, Image: image, Claim: e.Statement)) : truths;
        }).ToList();
        int falseClaims = claims.Count(c => YesNoOracle.Answer(c.Scene, PretrainCorpus.Question(c.Claim)) == false);
        var pool = PretrainCorpus.ClaimPool.Split(claims);
        Assert.InRange(falseClaims, 30, 40);
        Assert.Equal(falseClaims, pool.False.Count);
        Assert.Equal(claims.Count - falseClaims, pool.True.Count);

        double FalseShare(double share) => Enumerable.Range(0, 400).Count(i => PretrainCorpus.LabelerExample(4, i, 1, pool, share).Response == "no") / 400.0;
        Assert.Equal(0, FalseShare(0));
        Assert.Equal(1, FalseShare(1));
        Assert.InRange(FalseShare(0.5), 0.4, 0.6);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
