using Xunit;
using static TorchSharp.torch;

namespace RlaifV.Models.Tests;

public sealed class NetworkTests
{
    private static readonly LlamaConfig Tiny = new()
    {
        VocabSize = 50, HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 1, NumAttentionHeads = 4, NumKeyValueHeads = 2,
    };

    [Fact]
    public void DistinctParameters_TiedHead_ListsSharedWeightOnce()
    {
        using var tied = new LlamaForCausalLM(Tiny with { TieWordEmbeddings = true });
        using var untied = new LlamaForCausalLM(Tiny);
        Assert.Equal(tied.parameters().Count() - 1, tied.DistinctParameters().Count);
        Assert.DoesNotContain(tied.DistinctParameters(), p => p.Name == "lm_head.weight");
        Assert.Contains(untied.DistinctParameters(), p => p.Name == "lm_head.weight");
        using (no_grad())
        {
            tied.Model.EmbedTokens.weight!.zero_();
        }

        Assert.Equal(0f, tied.state_dict()["lm_head.weight"].abs().sum().item<float>());
    }

    [Fact]
    public void StateDict_Llama_UsesHuggingFaceKeys()
    {
        using var model = new LlamaForCausalLM(Tiny);
        var keys = model.state_dict().Keys.ToHashSet();
        string[] expected =
        [
            "model.embed_tokens.weight", "model.norm.weight", "lm_head.weight",
            "model.layers.0.self_attn.q_proj.weight", "model.layers.0.self_attn.k_proj.weight",
            "model.layers.0.self_attn.v_proj.weight", "model.layers.0.self_attn.o_proj.weight",
            "model.layers.0.mlp.gate_proj.weight", "model.layers.0.mlp.up_proj.weight", "model.layers.0.mlp.down_proj.weight",
            "model.layers.0.input_layernorm.weight", "model.layers.0.post_attention_layernorm.weight",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
        Assert.Equal([8L, 16L], model.state_dict()["model.layers.0.self_attn.k_proj.weight"].shape);
    }

    [Fact]
    public void Hidden_CausalMask_EarlierPositionsIgnoreLaterTokens()
    {
        using var model = new LlamaForCausalLM(Tiny);
        RandomCheckpoint.Initialize(model, seed: 4, std: 0.5);
        var engine = new InferenceEngine(model, padId: 0);
        using var a = engine.Logits([new TokenizedPrompt([1, 5, 7, 9])]);
        using var b = engine.Logits([new TokenizedPrompt([1, 5, 7, 30])]);
        Assert.True(a.narrow(1, 0, 3).allclose(b.narrow(1, 0, 3), rtol: 1e-5, atol: 1e-6));
        Assert.False(a.narrow(1, 3, 1).allclose(b.narrow(1, 3, 1), rtol: 1e-5, atol: 1e-6));
    }
}
