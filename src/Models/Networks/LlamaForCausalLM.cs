using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// A Llama causal language model, keyed like Hugging Face's <c>LlamaForCausalLM</c> (<c>model.*</c>, <c>lm_head.weight</c>).
/// Usable on its own (text-only LLMs) and as LLaVA's <c>language_model</c>. With tied embeddings the head shares the
/// embedding's parameter and a checkpoint need not carry <c>lm_head.weight</c>.
/// </summary>
public sealed class LlamaForCausalLM : nn.Module
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly LlamaModel model;
    private readonly Linear lm_head;
#pragma warning restore IDE1006

    /// <summary>Creates the model with freshly initialised weights.</summary>
    public LlamaForCausalLM(LlamaConfig config) : base(nameof(LlamaForCausalLM))
    {
        Config = config;
        model = new LlamaModel(config);
        lm_head = nn.Linear(config.HiddenSize, config.VocabSize, hasBias: false);
        if (config.TieWordEmbeddings)
        {
            lm_head.weight = model.EmbedTokens.weight!;
        }

        RegisterComponents();
    }

    /// <summary>The settings the model was built from.</summary>
    public LlamaConfig Config { get; }

    /// <summary>The decoder stack.</summary>
    public LlamaModel Model => model;

    /// <summary>Token embeddings [B, T, hidden] of ids [B, T].</summary>
    public Tensor Embed(Tensor inputIds) => model.EmbedTokens.forward(inputIds);

    /// <summary>Final hidden states; see <see cref="LlamaModel.Forward"/>.</summary>
    public Tensor Hidden(Tensor inputsEmbeds, Tensor positions, Tensor mask, KvCache? cache) => model.Forward(inputsEmbeds, positions, mask, cache);

    /// <summary>Logits [..., vocab] of hidden states [..., hidden].</summary>
    public Tensor Head(Tensor hidden) => lm_head.forward(hidden);

    /// <summary>
    /// Every parameter once, with its checkpoint name: a tied head is the embedding's parameter, so "lm_head.weight" is
    /// left out (TorchSharp lists it twice, and an optimizer given both would step it twice).
    /// </summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> DistinctParameters() =>
        named_parameters().Where(p => !(Config.TieWordEmbeddings && p.name == "lm_head.weight")).ToList();

    /// <summary>Allocates a cache for <paramref name="batch"/> rows of up to <paramref name="capacity"/> positions.</summary>
    public KvCache CreateCache(long batch, long capacity)
    {
        var w = model.EmbedTokens.weight!;
        return new KvCache(model.LayerCount, batch, Config.KeyValueHeads, capacity, Config.HeadWidth, w.dtype, w.device);
    }
}
