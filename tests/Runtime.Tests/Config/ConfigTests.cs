using RlaifV.Runtime.Cli;
using RlaifV.Runtime.Config;
using RlaifV.Schemas.Datasets;
using RlaifV.Stages.Options;
using RlaifV.Stages.Rules;
using RlaifV.Stages.Sources;
using RlaifV.TestKit;
using RlaifV.Training;

namespace RlaifV.Runtime.Tests;

public class ConfigTests
{
    private static ConfigException Fails(string yaml) => Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml));

    [Fact]
    public void Parse_Empty_GivesDocumentedDefaults()
    {
        var o = ConfigLoader.Parse(string.Empty);
        Assert.Equal((10, 0.7, 512), (o.Sampling.N, o.Sampling.Temperature, o.Sampling.MaxNewTokens));
        Assert.Equal((1, 2), (o.Pairing.MinDelta, o.Pairing.PairsPerPrompt));
        Assert.Equal((300, 0.2, 0.9, 256), (o.Claims.MaxWords, o.Claims.Temperature, o.Claims.TopP, o.Claims.MaxNewTokens));
        Assert.Equal(" Please answer yes or no.", o.Questions.Suffix);
        Assert.Equal("127.0.0.1", o.Metrics.Host);
    }

    [Fact]
    public void Parse_NestedValues_Bind()
    {
        var o = ConfigLoader.Parse("sampling:\n  n: 4\n  batch:\n    size: 2\noutput:\n  profiles: [trl]\nrun:\n  round: 3\n");
        Assert.Equal((4, 2, 3), (o.Sampling.N, o.Sampling.Batch.Size, o.Run.Round));
        Assert.Equal([PairProfile.Trl], o.Output.Profiles);
    }

    [Fact]
    public void Parse_UnknownKey_NamesKeyLineAndAllowed()
    {
        var e = Fails("sampling:\n  temperatur: 0.5\n");
        Assert.Contains("pipeline.yaml:2: sampling.temperatur: unknown key", e.Message);
        Assert.Contains("temperature", e.Message);
    }

    [Fact]
    public void Parse_WrongType_NamesKeyAndValue()
    {
        var e = Fails("sampling:\n  n: ten\n");
        Assert.Contains("sampling.n = 'ten': not a valid whole number", e.Message);
    }

    [Fact]
    public void Parse_BadValues_ListsEveryProblemWithAllowedRange()
    {
        var e = Fails("sampling:\n  temperature: -1\n  n: 1\npairing:\n  min_delta: 0\noutput:\n  compression: lz77\nmodels:\n  policy:\n    backend: llava\n");
        Assert.Contains("sampling.temperature = -1: allowed is a number from 0 to 10", e.Message);
        Assert.Contains("sampling.n = 1: allowed is a whole number from 2 to 1024", e.Message);
        Assert.Contains("pairing.min_delta = 0", e.Message);
        Assert.Contains("output.compression = lz77: allowed is one of zstd, snappy, gzip, none", e.Message);
        Assert.Contains("models.policy.path is empty", e.Message);
        Assert.Equal(5, e.Problems.Count);
    }

    [Fact]
    public void Parse_MetricsLinger_BindsAndOutOfRangeNamesTheKey()
    {
        Assert.Equal(0, ConfigLoader.Parse(string.Empty).Metrics.LingerSeconds);
        Assert.Equal(30, ConfigLoader.Parse("metrics:\n  linger_seconds: 30\n").Metrics.LingerSeconds);
        var e = Fails("metrics:\n  linger_seconds: -1\n");
        Assert.Contains("metrics.linger_seconds = -1: allowed is a whole number from 0 to 3600", e.Message);
    }

    [Fact]
    public void OutputOverride_CheckpointsInsideTheOutputFolder_MoveWithItAndOthersStay()
    {
        var inside = ConfigLoader.Parse("output: { dir: /data/out }\ntraining: { checkpoints_dir: /data/out/checkpoints }\n");
        Assert.Equal("/tmp/run-b/checkpoints", RlaifV.Runtime.Cli.ConfigOverrides.WithOutput(inside, "/tmp/run-b").Training.CheckpointsDir);
        Assert.Equal("/tmp/run-b", RlaifV.Runtime.Cli.ConfigOverrides.WithOutput(inside, "/tmp/run-b").Output.Dir);
        var outside = ConfigLoader.Parse("output: { dir: /data/out }\ntraining: { checkpoints_dir: /data/out-checkpoints }\n");
        Assert.Equal("/data/out-checkpoints", RlaifV.Runtime.Cli.ConfigOverrides.WithOutput(outside, "/tmp/run-b").Training.CheckpointsDir);

        // What --output does: the repository's layout (out, out/checkpoints) moves as a whole.
        var file = Path.Combine(Path.GetTempPath(), $"rlaifv-output-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, "output: { dir: out }\ntraining: { checkpoints_dir: out/checkpoints }\n");
        try
        {
            var o = new RlaifV.Runtime.Cli.ConfigOverrides { Config = file, Output = "/tmp/run-c" }.LoadOptions();
            Assert.Equal("/tmp/run-c/checkpoints", o.Training.CheckpointsDir);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Parse_Replicas_BindForTheInProcessPolicyAndAnyOtherUseNamesTheKey()
    {
        Assert.Equal(1, ConfigLoader.Parse(string.Empty).Models.Policy.Replicas);
        Assert.Equal(2, ConfigLoader.Parse("models:\n  policy: { backend: llava, path: p, replicas: 2 }\n").Models.Policy.Replicas);
        var e = Fails("models:\n  policy: { backend: llava, path: p, replicas: 0 }\n  labeler: { backend: llava, path: l, replicas: 2 }\n");
        Assert.Contains("models.policy.replicas = 0: allowed is a whole number from 1 to 64", e.Message);
        Assert.Contains("models.labeler.replicas = 2: only models.policy takes replicas", e.Message);
        e = Fails("models:\n  policy: { backend: openai, base_url: 'http://gpu-1:8000/v1', model: m, replicas: 2 }\n");
        Assert.Contains("models.policy.replicas = 2: replicas are copies of an in-process checkpoint (backend llava)", e.Message);
    }

    [Fact]
    public void Parse_BadLimits_NameTheirKeysBeforeAnyWork()
    {
        var e = Fails("ingest:\n  max_record_bytes: 10\n  max_instruction_chars: 0\n  dedup_window: 0\n  max_image_pixels: 0\nkafka:\n  poison_after: 0\n");
        Assert.Contains("ingest.max_record_bytes = 10: allowed is a whole number from 1024", e.Message);
        Assert.Contains("ingest.max_instruction_chars = 0", e.Message);
        Assert.Contains("ingest.dedup_window = 0", e.Message);
        Assert.Contains("ingest.max_image_pixels = 0", e.Message);
        Assert.Contains("kafka.poison_after = 0: allowed is 1..1000", e.Message);
        Assert.Equal(5, e.Problems.Count);
    }

    [Fact]
    public void Parse_TestSeedEqualToDevSeed_FailsNamingTheKey()
    {
        var e = Fails("world:\n  dev_seed: 7\n  test_seed: 7\n");
        Assert.Contains("world.test_seed = 7: allowed is a seed other than world.dev_seed", e.Message);
        var o = ConfigLoader.Parse("world:\n  dev_seed: 7\n  test_seed: 8\n");
        Assert.Equal((7L, 8L), (o.World.DevSeed, o.World.TestSeed));
    }

    [Fact]
    public void Parse_SelectBest_NeedsSaveEveryAndTheWorldsDevScenes()
    {
        var e = Fails("training:\n  select: best\n");
        Assert.Contains("training.select = best: needs training.save_every > 0", e.Message);
        Assert.Contains("training.select = best: the candidates are scored on the built-in world's dev scenes, so it needs input.source: world", e.Message);
        var o = ConfigLoader.Parse("input:\n  source: world\ntraining:\n  select: best\n  save_every: 0.25\n");
        Assert.Equal((CheckpointSelection.Best, 0.25), (o.Training.Select, o.Training.SaveEvery));
        Assert.Contains("training.select = Best: allowed is one of last, best", Fails("training:\n  select: Best\n").Message);
    }

    [Theory]
    [InlineData("input:\n  source: World\n", "pipeline.yaml:2: input.source = World: allowed is one of file, kafka, world")]
    [InlineData("input:\n  format: csv\n", "pipeline.yaml:2: input.format = csv: allowed is one of auto, jsonl, parquet")]
    [InlineData("claims:\n  extractor: LLM\n", "pipeline.yaml:2: claims.extractor = LLM: allowed is one of rules, llm, whole")]
    [InlineData("questions:\n  rewriter: 1\n", "pipeline.yaml:2: questions.rewriter = 1: allowed is one of rules, llm, whole")]
    [InlineData("models:\n  labeler:\n    backend: tgi\n", "pipeline.yaml:3: models.labeler.backend = tgi: allowed is one of none, llava, openai")]
    [InlineData("pairing:\n  score: RejectedClaims\n", "pipeline.yaml:2: pairing.score = RejectedClaims: allowed is one of rejected_claims, p_yes")]
    [InlineData("output:\n  compression: lz4\n", "pipeline.yaml:2: output.compression = lz4: allowed is one of zstd, snappy, gzip, none")]
    [InlineData("output:\n  compression_level: max\n", "pipeline.yaml:2: output.compression_level = max: allowed is one of fastest, optimal, smallest")]
    [InlineData("output:\n  profiles: [rlaifv, hf]\n", "pipeline.yaml:2: output.profiles[] = hf: allowed is one of rlaifv, trl")]
    [InlineData("training:\n  trainable: [none]\n", "pipeline.yaml:2: training.trainable[] = none: allowed is one of vision_tower, projector, language_model")]
    public void Parse_EnumValueNotAllowed_NamesFileLineKeyValueAndAllowed(string yaml, string expected)
    {
        var e = Fails(yaml);
        Assert.Contains(expected, e.Message);
        Assert.Single(e.Problems);
    }

    [Fact]
    public void Parse_EverySnakeCaseSpelling_Binds()
    {
        var o = ConfigLoader.Parse("""
            input: { source: world, format: parquet }
            claims: { extractor: whole }
            questions: { rewriter: whole }
            pairing: { score: p_yes }
            output: { compression: none, compression_level: smallest, profiles: [trl, rlaifv] }
            models: { policy: { backend: llava, path: p } }
            training: { trainable: [vision_tower, projector, language_model] }
            """);
        Assert.Equal((InputSource.World, PromptFileFormat.Parquet), (o.Input.Source, o.Input.Format));
        Assert.Equal((ClaimExtractorKind.Whole, QuestionRewriterKind.Whole, ScoreRule.PYes), (o.Claims.Extractor, o.Questions.Rewriter, o.Pairing.Score));
        Assert.Equal((ParquetCompression.None, ParquetCompressionLevel.Smallest), (o.Output.Compression, o.Output.CompressionLevel));
        Assert.Equal([PairProfile.Trl, PairProfile.Rlaifv], o.Output.Profiles);
        Assert.Equal(ModelBackend.Llava, o.Models.Policy.Backend);
        Assert.Equal([TrainablePart.VisionTower, TrainablePart.Projector, TrainablePart.LanguageModel], o.Training.Trainable);
    }

    [Fact]
    public void Parse_LlmExtractorWithoutLlm_Fails()
    {
        var e = Fails("claims:\n  extractor: llm\n");
        Assert.Contains("models.llm.backend = none", e.Message);
    }

    [Fact]
    public void Parse_SectionGivenAScalar_Fails() =>
        Assert.Contains("sampling: expected a section of keys", Fails("sampling: 3\n").Message);

    [Fact]
    public void Parse_InvalidYaml_NamesLine() =>
        Assert.Matches("pipeline.yaml:[23]: not valid YAML", Fails("run:\n  round: [1\n").Message);

    [Fact]
    public void CommittedPipelineYaml_IsValid()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "RlaifV.sln"))) root = Path.GetDirectoryName(root)!;
        var o = ConfigLoader.LoadFile(Path.Combine(root, "pipeline.yaml"));
        Assert.Equal(10, o.Sampling.N);
    }

    [Fact]
    public async Task Cli_Validate_BadConfig_Exits2BeforeWork()
    {
        using var dir = new TempDir();
        var file = dir.File("bad.yaml");
        File.WriteAllText(file, "sampling:\n  top_p: 2\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Usage, await CommandLine.RunAsync(["validate", "--config", file], stdout, stderr));
        Assert.Contains("sampling.top_p = 2", stderr.ToString());
        Assert.Equal(ExitCodes.Usage, await CommandLine.RunAsync(["generate", "--config", file], stdout, stderr));
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "out")));
    }

    [Fact]
    public async Task Cli_UnknownVerbOrOption_Exits2WithHelp()
    {
        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Usage, await CommandLine.RunAsync(["frobnicate"], new StringWriter(), stderr));
        Assert.Contains("Usage: rlaifv", stderr.ToString());
        Assert.Equal(ExitCodes.Usage, await CommandLine.RunAsync(["validate", "--bogus", "x"], new StringWriter(), stderr));
        Assert.Contains("unknown option '--bogus'", stderr.ToString());
    }

    [Fact]
    public async Task Cli_GenerateWithoutModels_Exits2NamingTheKey()
    {
        using var dir = new TempDir();
        var input = dir.File("p.jsonl");
        File.WriteAllText(input, "{}\n");
        var config = dir.File("c.yaml");
        File.WriteAllText(config, "input:\n  path: p.jsonl\nmetrics:\n  enabled: false\n");
        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Usage, await CommandLine.RunAsync(["generate", "--config", config], new StringWriter(), stderr));
        Assert.Contains("models.policy.backend = none", stderr.ToString());
    }

    [Fact]
    public async Task Cli_ModelThatFailsToLoad_Exits1WithOneClearLine()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("p.jsonl"), "{}\n");
        Directory.CreateDirectory(dir.File("not-a-checkpoint"));
        File.WriteAllText(dir.File("c.yaml"), "input:\n  path: p.jsonl\nmetrics:\n  enabled: false\nmodels:\n  policy: { backend: llava, path: not-a-checkpoint }\n  labeler: { backend: llava, path: not-a-checkpoint }\n");
        var stderr = new StringWriter();
        Assert.Equal(ExitCodes.Failed, await CommandLine.RunAsync(["generate", "--config", dir.File("c.yaml")], new StringWriter(), stderr));
        Assert.StartsWith("rlaifv generate: failed: ", stderr.ToString());
        Assert.DoesNotContain("   at ", stderr.ToString());
    }
}
