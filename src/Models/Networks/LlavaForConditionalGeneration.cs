using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>
/// LLaVA-1.5: CLIP vision tower → projector → Llama, keyed like Hugging Face's <c>LlavaForConditionalGeneration</c>
/// (<c>vision_tower.vision_model.*</c>, <c>multi_modal_projector.linear_{1,2}.*</c>, <c>language_model.model.*</c>,
/// <c>language_model.lm_head.weight</c>). Forward passes are differentiable; parameters are the module's parameters.
/// </summary>
public sealed class LlavaForConditionalGeneration : nn.Module
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly ClipVisionModel vision_tower;
    private readonly LlavaMultiModalProjector multi_modal_projector;
    private readonly LlamaForCausalLM language_model;
#pragma warning restore IDE1006
    private readonly TorchSharp.Scalar _imageToken;
    private readonly TorchSharp.Scalar _zero = TorchSharp.ScalarExtensionMethods.ToScalar(0L);

    /// <summary>Creates the model with freshly initialised weights.</summary>
    public LlavaForConditionalGeneration(LlavaConfig config) : base(nameof(LlavaForConditionalGeneration))
    {
        config.Validate();
        Config = config;
        _imageToken = TorchSharp.ScalarExtensionMethods.ToScalar((long)config.ImageTokenIndex);
        vision_tower = new ClipVisionModel(config.VisionConfig);
        multi_modal_projector = new LlavaMultiModalProjector(config);
        language_model = new LlamaForCausalLM(config.TextConfig);
        RegisterComponents();
    }

    /// <summary>The settings the model was built from.</summary>
    public LlavaConfig Config { get; }

    /// <summary>The Llama part.</summary>
    public LlamaForCausalLM LanguageModel => language_model;

    /// <summary>The CLIP part.</summary>
    public ClipVisionModel VisionTower => vision_tower;

    /// <summary>Every parameter once, with its checkpoint name (a tied head is left out; see <see cref="LlamaForCausalLM.DistinctParameters"/>).</summary>
    public IReadOnlyList<(string Name, TorchSharp.Modules.Parameter Parameter)> DistinctParameters() =>
        named_parameters().Where(p => !(Config.TextConfig.TieWordEmbeddings && p.name == "language_model.lm_head.weight")).ToList();

    /// <summary>
    /// Image features [N, F, text hidden] for pixels [N, C, S, S]: the configured hidden state of the vision tower,
    /// CLS dropped under the "default" strategy, through the projector.
    /// </summary>
    public Tensor EncodeImages(Tensor pixels)
    {
        using var scope = NewDisposeScope();
        var h = vision_tower.VisionModel.HiddenState(pixels, Config.VisionFeatureLayer);
        if (Config.VisionFeatureSelectStrategy == "default")
        {
            h = h.narrow(1, 1, h.shape[1] - 1);
        }

        return multi_modal_projector.forward(h).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Input embeddings [B, T, hidden] for ids [B, T] in which every image position holds <c>image_token_index</c>;
    /// those positions receive the rows of <paramref name="imageFeatures"/> [N, F, hidden] in reading order
    /// (row by row, left to right), so the ids must hold exactly N·F image tokens.
    /// </summary>
    public Tensor EmbedInputs(Tensor inputIds, Tensor? imageFeatures)
    {
        using var scope = NewDisposeScope();
        var isImage = inputIds.eq(_imageToken);
        var embeds = language_model.Embed(inputIds.masked_fill(isImage, _zero));
        long imageTokens = isImage.sum().item<long>();
        long features = imageFeatures is null ? 0 : imageFeatures.shape[0] * imageFeatures.shape[1];
        if (imageTokens != features)
        {
            throw new ArgumentException($"The prompts hold {imageTokens} image tokens but {features} image features were given.");
        }

        if (imageFeatures is not null && features > 0)
        {
            var mask = isImage.unsqueeze(-1).expand_as(embeds);
            embeds = embeds.masked_scatter(mask, imageFeatures.to_type(embeds.dtype).reshape(-1));
        }

        return embeds.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _imageToken.Dispose();
            _zero.Dispose();
        }

        base.Dispose(disposing);
    }
}
