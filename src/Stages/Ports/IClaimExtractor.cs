namespace RlaifV.Stages.Ports;

/// <summary>Divides a response into atomic, self-contained factual claims about the image.</summary>
public interface IClaimExtractor
{
    /// <summary>Id of the extractor (model id, or "rules").</summary>
    string ExtractorId { get; }

    /// <summary>The claims of each request, in request order.</summary>
    Task<IReadOnlyList<IReadOnlyList<string>>> ExtractAsync(IReadOnlyList<ClaimRequest> batch, CancellationToken cancellationToken);
}
