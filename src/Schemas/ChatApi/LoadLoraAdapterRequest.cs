namespace RlaifV.Schemas.ChatApi;

/// <summary>The body of <c>POST /v1/load_lora_adapter</c> (vLLM's dynamic LoRA loading): the name to serve it under and its folder.</summary>
public sealed record LoadLoraAdapterRequest
{
    /// <summary>The served name of the adapter.</summary>
    public string? LoraName { get; init; }

    /// <summary>The PEFT adapter folder, as the server sees it.</summary>
    public string? LoraPath { get; init; }
}
