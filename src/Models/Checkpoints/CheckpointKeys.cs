namespace RlaifV.Models;

/// <summary>Checkpoint key conventions: the newer Hugging Face LLaVA layout, and buffers that are not weights.</summary>
internal static class CheckpointKeys
{
    /// <summary>
    /// Maps the layout transformers ≥ 4.52 saves LLaVA in (<c>model.language_model.*</c>, <c>model.vision_tower.*</c>,
    /// <c>model.multi_modal_projector.*</c>, <c>lm_head.*</c>) to the classic LLaVA-1.5 keys these modules use.
    /// Keys already in the classic layout pass unchanged.
    /// </summary>
    public static string ToClassicLlava(string key)
    {
        if (key.StartsWith("model.language_model.", StringComparison.Ordinal))
        {
            return "language_model.model." + key["model.language_model.".Length..];
        }

        if (key.StartsWith("model.vision_tower.", StringComparison.Ordinal) || key.StartsWith("model.multi_modal_projector.", StringComparison.Ordinal))
        {
            return key["model.".Length..];
        }

        if (key.StartsWith("lm_head.", StringComparison.Ordinal))
        {
            return "language_model." + key;
        }

        return key;
    }

    /// <summary>Non-persistent buffers some checkpoints carry (recomputed here), never weights.</summary>
    public static bool IsIgnorableBuffer(string key) =>
        key.EndsWith(".position_ids", StringComparison.Ordinal) || key.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal);
}
