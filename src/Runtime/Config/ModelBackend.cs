namespace RlaifV.Runtime.Config;

/// <summary>What serves a model (<c>models.*.backend</c>); a new backend is a member here and a case in <see cref="Composition.ModelFactory"/>.</summary>
public enum ModelBackend
{
    /// <summary><c>none</c> (default): no model; a run that needs it stops with a configuration error.</summary>
    None,

    /// <summary><c>llava</c>: in-process TorchSharp, a Hugging Face LLaVA-1.5 (or Llama) checkpoint folder.</summary>
    Llava,

    /// <summary>
    /// <c>openai</c>: a model on a server that speaks the OpenAI chat-completions API (vLLM, SGLang, TGI, llama.cpp's server,
    /// Ollama, <c>rlaifv serve</c>), at <c>base_url</c> under the name <c>model</c>.
    /// </summary>
    Openai,
}
