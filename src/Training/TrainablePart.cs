namespace RlaifV.Training;

/// <summary>Parts of a LLaVA model that training may update (a text-only Llama has only the language model).</summary>
[Flags]
public enum TrainablePart
{
    /// <summary>Nothing (not a useful setting on its own).</summary>
    None = 0,

    /// <summary>The CLIP vision tower (<c>vision_tower.*</c>); frozen by default.</summary>
    VisionTower = 1,

    /// <summary>The two-layer projector (<c>multi_modal_projector.*</c>).</summary>
    Projector = 2,

    /// <summary>The Llama decoder and head (<c>language_model.*</c>).</summary>
    LanguageModel = 4,
}
