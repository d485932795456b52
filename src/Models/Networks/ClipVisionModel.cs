using static TorchSharp.torch;

namespace RlaifV.Models;

/// <summary>Hugging Face's <c>CLIPVisionModel</c> wrapper. Key: vision_model.</summary>
public sealed class ClipVisionModel : nn.Module
{
#pragma warning disable IDE1006 // field names mirror checkpoint keys
    private readonly ClipVisionTransformer vision_model;
#pragma warning restore IDE1006

    /// <summary>Creates the model.</summary>
    public ClipVisionModel(ClipVisionConfig config) : base(nameof(ClipVisionModel))
    {
        vision_model = new ClipVisionTransformer(config);
        RegisterComponents();
    }

    /// <summary>The transformer.</summary>
    public ClipVisionTransformer VisionModel => vision_model;
}
