namespace RlaifV.Schemas.ChatApi;

/// <summary>The answer of <c>GET /v1/models</c>.</summary>
public sealed record ModelList
{
    /// <summary>"list".</summary>
    public string Object { get; init; } = "list";

    /// <summary>The served models.</summary>
    public IReadOnlyList<ModelCard>? Data { get; init; }
}
