namespace RlaifV.World.Tests;

public class InjectorTests
{
    [Theory]
    [InlineData(ClaimError.WrongColour)]
    [InlineData(ClaimError.WrongSize)]
    [InlineData(ClaimError.WrongPosition)]
    [InlineData(ClaimError.WrongCount)]
    [InlineData(ClaimError.ExtraObject)]
    public void Inject_OneError_CheckerFindsExactlyThatError(ClaimError kind)
    {
        foreach (var (seed, scene) in Fixtures.Scenes(200))
        {
            var corrupted = HallucinationInjector.Inject(scene, kind, seed);
            Assert.NotNull(corrupted);
            var error = Assert.Single(corrupted.Errors);
            Assert.Equal(kind, error.Kind);
            var j = Checker.Check(scene, corrupted.Text);
            var wrong = Assert.Single(j.Claims, c => c.Truth != Truth.True);
            Assert.Equal((Truth.False, kind), (wrong.Truth, wrong.Error));
            Assert.Equal(error.Statement.Text, wrong.Claim);
        }
    }

    [Fact]
    public void Corrupt_DefaultProfile_EveryPlantedErrorDetectedWithItsType()
    {
        foreach (var (seed, scene) in Fixtures.Scenes(500))
        {
            var corrupted = HallucinationInjector.Corrupt(scene, BiasProfile.Default, seed);
            var j = Checker.Check(scene, corrupted.Text);
            Assert.Equal(corrupted.Errors.Count, j.FalseClaims);
            Assert.Equal(0, j.Claims.Count - j.JudgedClaims);
            foreach (var e in corrupted.Errors)
                Assert.Equal((Truth.False, e.Kind), Checker.Judge(scene, e.Statement));
        }
    }

    [Fact]
    public void Corrupt_DefaultProfile_HallucinatesLikeLlava15()
    {
        var items = Fixtures.Scenes(1000).Select(s => (s.Scene, HallucinationInjector.Corrupt(s.Scene, BiasProfile.Default, s.Seed).Text)).ToList();
        var m = Checker.Measure(items);
        Assert.InRange(m.ResponseHallucination, 0.40, 0.65);
        Assert.InRange(m.ClaimHallucination, 0.08, 0.30);
        Assert.True(m.Coverage > 0.85, $"coverage {m.Coverage}");
        foreach (var kind in new[] { ClaimError.WrongColour, ClaimError.WrongSize, ClaimError.WrongPosition, ClaimError.WrongCount, ClaimError.ExtraObject })
            Assert.True(m.Errors.GetValueOrDefault(kind) > 0, $"no {kind}");
    }

    [Fact]
    public void GreedyLimit_DefaultProfile_OnlyStrongRulesAlwaysFiringNearLlavaRate()
    {
        var limit = BiasProfile.Default.GreedyLimit();
        Assert.All(limit.Cooccurrences, r => Assert.Contains(r.Probability, new[] { 0.0, 1.0 }));
        Assert.Equal([1.0, 1.0, 1.0, 0.0], limit.Cooccurrences.Select(r => r.Probability));
        Assert.Empty(limit.RandomErrorRates);
        var m = Checker.Measure(Fixtures.Scenes(1000).Select(s => (s.Scene, HallucinationInjector.Corrupt(s.Scene, limit, s.Seed).Text)));
        Assert.InRange(m.ResponseHallucination, 0.45, 0.65);
        Assert.True(m.Coverage > 0.95);
    }

    [Fact]
    public void Corrupt_CooccurrenceRules_FireAtTheirProbabilities()
    {
        var fired = new Dictionary<string, (int Fired, int Applicable)>();
        foreach (var (seed, scene) in Fixtures.Scenes(3000))
        {
            var corrupted = HallucinationInjector.Corrupt(scene, BiasProfile.Default, seed);
            foreach (var rule in BiasProfile.Default.Cooccurrences)
            {
                var applicable = scene.Objects.Any(rule.Trigger.Matches)
                    && scene.Matching(new ObjectPattern(Colour: rule.Target.Colour, Shape: rule.Target.Shape)).Count == 0;
                if (!applicable) continue;
                var f = fired.GetValueOrDefault(rule.Name);
                fired[rule.Name] = (f.Fired + (corrupted.Errors.Any(e => e.Rule == rule.Name) ? 1 : 0), f.Applicable + 1);
            }
        }
        foreach (var rule in BiasProfile.Default.Cooccurrences)
        {
            var (f, a) = fired[rule.Name];
            Assert.True(a > 100, $"{rule.Name} applicable only {a} times");
            Assert.InRange((double)f / a, rule.Probability - 0.08, rule.Probability + 0.08);
        }
    }

    [Fact]
    public void Corrupt_RunOn_AppendsAbsentObjectAfterTheLast()
    {
        var profile = BiasProfile.None with { RunOn = BiasProfile.Default.RunOn! with { Probability = 1, MaxObjects = 6 } };
        var corrupted = HallucinationInjector.Corrupt(Fixtures.Three, profile, 7);
        Assert.Equal(
            "There are three objects. There is a big red circle in the top left. There is a small blue square in the center. "
            + "There is a big green star in the bottom right. There is a small blue circle in the top middle. The background is gray.",
            corrupted.Text);
        var e = Assert.Single(corrupted.Errors);
        Assert.Equal((ClaimError.ExtraObject, "run-on"), (e.Kind, e.Rule));
    }

    [Fact]
    public void Corrupt_CooccurrenceCertain_MentionsTargetInNextFreeCell()
    {
        var rule = BiasProfile.Default.Cooccurrences[0] with { Probability = 1 };
        var corrupted = HallucinationInjector.Corrupt(Fixtures.Three, BiasProfile.None with { Cooccurrences = [rule] }, 1);
        Assert.Contains("There is a big red circle in the top left. There is a small yellow star in the top middle.", corrupted.Text, StringComparison.Ordinal);
        Assert.Equal(ClaimError.ExtraObject, Assert.Single(corrupted.Errors).Kind);
    }

    [Fact]
    public void Corrupt_NoBiases_TrueDescription()
    {
        foreach (var (seed, scene) in Fixtures.Scenes(50))
        {
            var corrupted = HallucinationInjector.Corrupt(scene, BiasProfile.None, seed);
            Assert.Empty(corrupted.Errors);
            Assert.Equal(Describer.DescriptionText(scene), corrupted.Text);
        }
    }

    [Fact]
    public void Corrupt_SameSeed_SameResponse()
    {
        foreach (var (seed, scene) in Fixtures.Scenes(50))
            Assert.Equal(HallucinationInjector.Corrupt(scene, BiasProfile.Default, seed).Text, HallucinationInjector.Corrupt(scene, BiasProfile.Default, seed).Text);
    }

    [Fact]
    public void CorruptAnswer_ShortQuestions_ErrorsAreFalseAndTruthsTrue()
    {
        var errors = 0;
        foreach (var (seed, scene) in Fixtures.Scenes(1000))
        {
            var question = QuestionGenerator.Generate(scene, new WorldRandom(seed));
            var corrupted = HallucinationInjector.CorruptAnswer(scene, question, BiasProfile.Default, seed);
            var j = Checker.Check(scene, corrupted.Text);
            Assert.Equal(corrupted.Errors.Count, j.FalseClaims);
            Assert.Equal(j.Claims.Count, j.JudgedClaims);
            errors += corrupted.Errors.Count;
        }
        Assert.InRange(errors, 20, 300);
    }
}
