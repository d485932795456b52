namespace RlaifV.Schemas.ChatApi;

/// <summary>One served model.</summary>
public sealed record ModelCard
{
    /// <summary>The name requests use.</summary>
    public string? Id { get; init; }

    /// <summary>"model".</summary>
    public string Object { get; init; } = "model";

    /// <summary>Unix seconds.</summary>
    public long Created { get; init; }

    /// <summary>Owner.</summary>
    public string? OwnedBy { get; init; }

    /// <summary>For an adapter: the model it applies to (vLLM's field).</summary>
    public string? Parent { get; init; }
}
