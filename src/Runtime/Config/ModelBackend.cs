namespace RlaifV.Runtime.Config;

/// <summary>What serves a model (<c>models.*.backend</c>); a new backend is a member here and a case in <see cref="Composition.ModelFactory"/>.</summary>
public enum ModelBackend
{
    /// <summary><c>none</c> (default): no model; a run that needs it stops with a configuration error.</summary>
    None,

    /// <summary><c>llava</c>: in-process TorchSharp, a Hugging Face LLaVA-1.5 (or Llama) checkpoint folder.</summary>
    Llava,
}
