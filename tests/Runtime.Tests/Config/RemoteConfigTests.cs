using RlaifV.Remote;
using RlaifV.Runtime.Composition;
using RlaifV.Runtime.Config;
using RlaifV.Stages.Options;

namespace RlaifV.Runtime.Tests;

/// <summary><c>backend: openai</c> in pipeline.yaml: bound, validated at start-up, mapped to the remote backends.</summary>
public class RemoteConfigTests
{
    private static ConfigException Fails(string yaml) => Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml));

    [Fact]
    public void Parse_OpenaiModels_BindEveryKeyAndTheExtraMap()
    {
        var o = ConfigLoader.Parse("""
            models:
              policy:
                backend: openai
                base_url: http://gpu-1:8000/v1
                model: "policy-round-{round:D4}"
                api_key: token-from-env
                max_concurrency: 32
                timeout: 300
                retries: 5
                retry_delay: 0.5
                circuit_break: 10
                outage_timeout: 1200
                wait_timeout: 900
                extra: { top_k: 50, repetition_penalty: 1.05, skip_special_tokens: false }
              labeler: { backend: openai, base_url: "http://gpu-2:8000/v1", model: llava-v1.6-34b, top_logprobs: 10 }
            """);
        var policy = ModelFactory.ToRemoteOptions(o.Models.Policy);
        Assert.Equal((ModelBackend.Openai, "http://gpu-1:8000/v1", "policy-round-{round:D4}", "token-from-env"), (o.Models.Policy.Backend, policy.BaseUrl, policy.Model, policy.ApiKey));
        Assert.Equal((32, 300.0, 5, 0.5, 10.0, 1200.0, 900.0), (policy.MaxConcurrency, policy.Timeout, policy.Retries, policy.RetryDelay, policy.CircuitBreak, policy.OutageTimeout, policy.WaitTimeout));
        Assert.Equal(new Dictionary<string, string> { ["top_k"] = "50", ["repetition_penalty"] = "1.05", ["skip_special_tokens"] = "false" }, policy.Extra);
        Assert.Equal(10, ModelFactory.ToRemoteOptions(o.Models.Labeler).TopLogprobs);
    }

    [Fact]
    public void Parse_BadRemoteSettings_ExitBeforeWorkNamingEachKey()
    {
        var e = Fails("""
            models:
              policy: { backend: openai, base_url: "gpu-1:8000", model: "" }
              labeler: { backend: openai, base_url: "http://gpu-2/v1", model: "labeler-{round}", top_logprobs: 50, extra: { model: other } }
            """);
        Assert.Contains("models.policy.base_url = gpu-1:8000: allowed is an absolute http:// or https:// URL", e.Message, StringComparison.Ordinal);
        Assert.Contains("models.policy.model is empty", e.Message, StringComparison.Ordinal);
        Assert.Contains("models.labeler.model = labeler-{round}: only models.policy.model may name a model per round", e.Message, StringComparison.Ordinal);
        Assert.Contains("models.labeler.top_logprobs = 50: allowed is a number from 1 to 20", e.Message, StringComparison.Ordinal);
        Assert.Contains("models.labeler.extra.model: this key is set by RlaifV", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExtraNotAMap_IsAShapeError()
    {
        var e = Fails("models:\n  policy:\n    backend: openai\n    extra: [1, 2]\n");
        Assert.Contains("pipeline.yaml:4: models.policy.extra: expected a map", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LoadLoraWithoutLoraTraining_NamesWhatItNeeds()
    {
        var e = Fails("models:\n  policy: { backend: openai, base_url: 'http://h/v1', model: 'r{round}', load_lora: true }\n");
        Assert.Contains("models.policy.load_lora = true: needs training.lora.enabled: true", e.Message, StringComparison.Ordinal);
        Assert.Contains("models.policy.load_lora = true: needs training.trainable = [language_model]", e.Message, StringComparison.Ordinal);
        var ok = ConfigLoader.Parse("models:\n  policy: { backend: openai, base_url: 'http://h/v1', model: 'r{round}', load_lora: true }\ntraining:\n  trainable: [language_model]\n  lora: { enabled: true }\n");
        Assert.True(ok.Models.Policy.LoadLora);
    }

    [Fact]
    public void Build_OpenaiRoles_RemoteBackendsWithTheRoundsModelName()
    {
        var o = ConfigLoader.Parse("""
            run: { round: 2 }
            models:
              policy: { backend: openai, base_url: "http://127.0.0.1:9/v1", model: "round-{round:D4}" }
              labeler: { backend: openai, base_url: "http://127.0.0.1:9/v1", model: labeler }
            """);
        using var set = ModelFactory.Build(o);
        Assert.IsType<RemotePolicySampler>(set.Policy);
        Assert.Equal("round-0002", set.Policy.ModelId);
        Assert.IsType<RemoteYesNoLabeler>(set.Labeler);
        Assert.Equal(2, set.Owned.Count);
    }
}
