using System.Globalization;
using RlaifV.Runtime.Composition;
using RlaifV.Schemas;
using RlaifV.Stages.Options;
using RlaifV.Training;

namespace RlaifV.Runtime.Config;

/// <summary>
/// The value rules of pipeline.yaml. Each problem reads "key = value: what is allowed". Enum-valued keys are checked
/// against their spellings before binding (<see cref="YamlShapeChecker"/>).
/// </summary>
internal static partial class OptionsValidator
{
    public static IReadOnlyList<string> Check(PipelineOptions o)
    {
        var p = new List<string>();
        Range(p, "run.round", o.Run.Round, 0, 9999);
        Range(p, "run.rounds", o.Run.Rounds, 1, 9999);
        Range(p, "run.prompts_per_round", o.Run.PromptsPerRound, 1, 100_000_000);
        Range(p, "world.held_out", o.World.HeldOut, 0, 1_000_000);
        Range(p, "world.description_share", o.World.DescriptionShare, 0, 1);
        if (o.World.TestSeed == o.World.DevSeed) p.Add(Msg("world.test_seed", o.World.TestSeed, "a seed other than world.dev_seed (the test scenes must be ones no tuning looked at)"));
        if (o.Ingest.MaxImageBytes < 1) p.Add(Msg("ingest.max_image_bytes", o.Ingest.MaxImageBytes, "a positive number of bytes"));
        Range(p, "ingest.max_image_side", o.Ingest.MaxImageSide, 1, 1 << 20);
        Range(p, "ingest.max_image_pixels", o.Ingest.MaxImagePixels, 1, 1L << 40);
        Range(p, "ingest.max_instruction_chars", o.Ingest.MaxInstructionChars, 1, 100_000_000);
        Range(p, "ingest.max_record_bytes", o.Ingest.MaxRecordBytes, 1_024, 1L << 40);
        Range(p, "ingest.dedup_window", o.Ingest.DedupWindow, 1, 1_000_000_000);
        Range(p, "ingest.capacity", o.Ingest.Capacity, 1, 1_000_000);
        Range(p, "ingest.parallelism", o.Ingest.Parallelism, 1, 256);

        Range(p, "sampling.n", o.Sampling.N, 2, 1024);
        Range(p, "sampling.temperature", o.Sampling.Temperature, 0, 10);
        Range(p, "sampling.top_p", o.Sampling.TopP, double.Epsilon, 1);
        Range(p, "sampling.top_k", o.Sampling.TopK, 0, 1_000_000);
        Range(p, "sampling.repetition_penalty", o.Sampling.RepetitionPenalty, double.Epsilon, 100);
        Range(p, "sampling.max_new_tokens", o.Sampling.MaxNewTokens, 1, 1_000_000);
        Batch(p, "sampling.batch", o.Sampling.Batch);

        if (o.Claims.Extractor == ClaimExtractorKind.Llm)
        {
            Contains(p, "claims.template", o.Claims.Template, "{response}");
            if (o.Models.Llm.Backend == ModelBackend.None) p.Add("models.llm.backend = none: claims.extractor is llm, so a text model backend is needed (llava or openai)");
        }
        Range(p, "claims.max_words", o.Claims.MaxWords, 1, 100_000);
        Range(p, "claims.temperature", o.Claims.Temperature, 0, 10);
        Range(p, "claims.top_p", o.Claims.TopP, double.Epsilon, 1);
        Range(p, "claims.max_new_tokens", o.Claims.MaxNewTokens, 1, 100_000);
        Batch(p, "claims.batch", o.Claims.Batch);

        if (o.Questions.Rewriter == QuestionRewriterKind.Llm)
        {
            Contains(p, "questions.template", o.Questions.Template, "{claims}");
            if (o.Models.Llm.Backend == ModelBackend.None) p.Add("models.llm.backend = none: questions.rewriter is llm, so a text model backend is needed (llava or openai)");
        }
        Range(p, "questions.temperature", o.Questions.Temperature, 0, 10);
        Range(p, "questions.top_p", o.Questions.TopP, double.Epsilon, 1);
        Range(p, "questions.max_new_tokens", o.Questions.MaxNewTokens, 1, 100_000);
        Batch(p, "questions.batch", o.Questions.Batch);
        Batch(p, "labeler.batch", o.Labeler.Batch);

        Range(p, "pairing.min_delta", o.Pairing.MinDelta, 1, 1_000_000);
        Range(p, "pairing.pairs_per_prompt", o.Pairing.PairsPerPrompt, 1, 1_000_000);
        Range(p, "pairing.length_balance_window", o.Pairing.LengthBalanceWindow, 0, 10_000_000);
        Range(p, "pairing.capacity", o.Pairing.Capacity, 1, 10_000_000);

        if (string.IsNullOrWhiteSpace(o.Output.Dir)) p.Add("output.dir is empty: name a folder for pairs and dead letters");
        if (o.Output.Profiles.Count == 0) p.Add("output.profiles is empty: allowed values are rlaifv, trl");
        Range(p, "output.rows_per_file", o.Output.RowsPerFile, 1, 100_000_000);

        Range(p, "metrics.port", o.Metrics.Port, 1, 65535);
        Range(p, "metrics.linger_seconds", o.Metrics.LingerSeconds, 0, 3600);
        if (string.IsNullOrWhiteSpace(o.Metrics.Host)) p.Add("metrics.host is empty: use 127.0.0.1 (default) or 0.0.0.0");

        Range(p, "health.stall_seconds", o.Health.StallSeconds, 1, 86_400);
        Kafka(p, o.Kafka);

        Model(p, "models.policy", o.Models.Policy);
        Model(p, "models.labeler", o.Models.Labeler);
        Model(p, "models.llm", o.Models.Llm);
        foreach (var (key, model) in new[] { ("models.labeler", o.Models.Labeler), ("models.llm", o.Models.Llm) })
        {
            if (model.Backend == ModelBackend.Openai && RlaifV.Remote.ModelNames.IsPerRound(model.Model)) p.Add($"{key}.model = {model.Model}: only models.policy.model may name a model per round ({{round}})");
            if (model.LoadLora) p.Add($"{key}.load_lora = true: only the policy registers a round's adapter");
        }
        if (o.Models.Policy.LoadLora)
        {
            if (o.Models.Policy.Backend != ModelBackend.Openai) p.Add("models.policy.load_lora = true: needs backend openai (the adapter is registered with the policy's server)");
            if (!o.Training.Lora.Enabled) p.Add("models.policy.load_lora = true: needs training.lora.enabled: true (only LoRA rounds save an adapter)");
            if (o.Training.Trainable.Count != 1 || o.Training.Trainable[0] != TrainablePart.LanguageModel)
                p.Add($"models.policy.load_lora = true: needs training.trainable = [language_model] (an adapter carries only the language model's LoRA factors; now [{string.Join(", ", o.Training.Trainable.Select(t => EnumNames.Of(t)))}])");
        }
        Training(p, o.Training);
        Contains(p, "eval.mmhal_template", o.Eval.MmhalTemplate, "{response}");
        Contains(p, "eval.refomb_template", o.Eval.RefombTemplate, "{response_a}");
        Contains(p, "eval.refomb_template", o.Eval.RefombTemplate, "{response_b}");
        Range(p, "eval.max_new_tokens", o.Eval.MaxNewTokens, 1, 1_000_000);
        Range(p, "eval.batch_size", o.Eval.BatchSize, 1, 100_000);
        if (string.IsNullOrWhiteSpace(o.Eval.CacheDir)) p.Add("eval.cache_dir is empty: name a folder for the response cache");
        if (o.Training.Select == CheckpointSelection.Best && (o.Input.Source != InputSource.World || o.World.HeldOut < 1))
        {
            p.Add($"training.select = best: the candidates are scored on the built-in world's dev scenes, so it needs input.source: world and world.held_out > 0 (input.source is {EnumNames.Of(o.Input.Source)}, world.held_out {o.World.HeldOut.ToString(CultureInfo.InvariantCulture)}); use last otherwise");
        }
        return p;
    }

    private static void Training(List<string> p, TrainingOptions t)
    {
        if (string.IsNullOrWhiteSpace(t.CheckpointsDir)) p.Add("training.checkpoints_dir is empty: name a folder for the per-round checkpoints");
        Range(p, "training.beta", t.Beta, double.Epsilon, 1000);
        Range(p, "training.sft_weight", t.SftWeight, 0, 1000);
        Range(p, "training.learning_rate", t.LearningRate, 0, 1);
        Range(p, "training.lora.rank", t.Lora.Rank, 1, 65_536);
        Range(p, "training.lora.alpha", t.Lora.Alpha, double.Epsilon, 1e6);
        if (t.Lora.Targets.Count == 0) p.Add("training.lora.targets is empty: allowed values are q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj");
        foreach (var target in t.Lora.Targets) OneOf(p, "training.lora.targets[]", target, "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj");
        Range(p, "training.epochs", t.Epochs, 1, 10_000);
        Range(p, "training.save_every", t.SaveEvery, 0, 10_000);
        if (t.Select == CheckpointSelection.Best && t.SaveEvery <= 0) p.Add("training.select = best: needs training.save_every > 0 (a fraction of an epoch, e.g. 0.25 saves four candidates per epoch)");
        Range(p, "training.global_batch", t.GlobalBatch, 1, 1_000_000);
        Range(p, "training.micro_batch", t.MicroBatch, 1, Math.Max(1, t.GlobalBatch));
        Range(p, "training.weight_decay", t.WeightDecay, 0, 10);
        Range(p, "training.warmup_ratio", t.WarmupRatio, 0, 0.99);
        Range(p, "training.max_grad_norm", t.MaxGradNorm, 0, 1e9);
        if (t.Trainable.Count == 0) p.Add("training.trainable is empty: allowed values are vision_tower, projector, language_model");
        Range(p, "training.save_state_every", t.SaveStateEvery, 0, 100_000_000);
        Range(p, "training.min_pairs", t.MinPairs, 1, 100_000_000);
        Range(p, "training.max_tokens", t.MaxTokens, 2, 1_000_000);
        Range(p, "training.reference_batch", t.ReferenceBatch, 1, 100_000);
        Range(p, "training.bon_n", t.BonN, 1, 100_000);
    }

    private static void Model(List<string> p, string key, ModelOptions m)
    {
        if (m.Device is not ("auto" or "cpu" or "cuda") && !System.Text.RegularExpressions.Regex.IsMatch(m.Device, "^cuda:[0-9]+$"))
            p.Add(Msg(key + ".device", m.Device, "one of auto, cpu, cuda, cuda:N"));
        OneOf(p, key + ".dtype", m.Dtype, "auto", "float32", "float16", "bfloat16");
        OneOf(p, key + ".chat_template", m.ChatTemplate, "auto", "llava-1.5", "plain", "llama-3");
        Range(p, key + ".threads", m.Threads, 0, 1024);
        Range(p, key + ".replicas", m.Replicas, 1, 64);
        if (m.Replicas > 1 && key != "models.policy") p.Add($"{key}.replicas = {m.Replicas}: only models.policy takes replicas");
        if (m.Replicas > 1 && m.Backend != ModelBackend.Llava) p.Add($"{key}.replicas = {m.Replicas}: replicas are copies of an in-process checkpoint (backend llava); a server takes max_concurrency calls at once");
        Range(p, key + ".batch_size", m.BatchSize, 1, 1_000_000);
        if (m.Backend == ModelBackend.Llava && string.IsNullOrWhiteSpace(m.Path)) p.Add($"{key}.path is empty: backend {EnumNames.Of(m.Backend)} needs a checkpoint folder");
        if (m.Backend == ModelBackend.Openai) p.AddRange(ModelFactory.ToRemoteOptions(m).Problems(key));
    }

    /// <summary>The transport's own rules (one source of truth), worded like every other problem here.</summary>
    private static void Kafka(List<string> p, RlaifV.Kafka.KafkaOptions k)
    {
        foreach (var problem in k.Validate())
        {
            var m = KafkaProblem().Match(problem);
            p.Add(m.Success ? $"{m.Groups[1].Value} = {m.Groups[2].Value}: allowed is {m.Groups[3].Value}" : problem);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(kafka\.[a-z_]+): value '(.*)' is invalid; allowed: (.*)$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex KafkaProblem();

    private static void Batch(List<string> p, string key, BatchingOptions b)
    {
        Range(p, key + ".size", b.Size, 1, 1_000_000);
        Range(p, key + ".flush_ms", b.FlushMs, 1, 3_600_000);
        Range(p, key + ".capacity", b.Capacity, 1, 10_000_000);
        Range(p, key + ".parallelism", b.Parallelism, 1, 256);
        Range(p, key + ".max_consecutive_failures", b.MaxConsecutiveFailures, 1, 1_000_000);
    }

    private static void Range(List<string> p, string key, long value, long min, long max)
    {
        if (value < min || value > max) p.Add(Msg(key, value, $"a whole number from {min} to {max}"));
    }

    private static void Range(List<string> p, string key, double value, double min, double max)
    {
        if (double.IsNaN(value) || value < min || value > max)
            p.Add(Msg(key, value, min == double.Epsilon ? $"a number above 0 and at most {max}" : $"a number from {min} to {max}"));
    }

    private static void OneOf(List<string> p, string key, string value, params string[] allowed)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal)) p.Add(Msg(key, value, "one of " + string.Join(", ", allowed)));
    }

    private static void Contains(List<string> p, string key, string value, string placeholder)
    {
        if (!value.Contains(placeholder, StringComparison.Ordinal)) p.Add($"{key}: the template must contain {placeholder}");
    }

    private static string Msg(string key, object value, string allowed) =>
        string.Create(CultureInfo.InvariantCulture, $"{key} = {value}: allowed is {allowed}");
}
