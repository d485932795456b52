using RlaifV.Stages.Ports;

namespace RlaifV.Stages.Rules;

/// <summary>
/// Whole-response feedback, the baseline the method's claim-level feedback is compared with (method.md, ablations): the
/// response is one "claim", its question asks whether the whole response is accurate, and the answer's P(yes) is the
/// score (<c>pairing.score: p_yes</c>). Selected with <c>claims.extractor: whole</c> and <c>questions.rewriter: whole</c>.
/// </summary>
public sealed class WholeResponseFeedback : IClaimExtractor, IQuestionRewriter
{
    /// <summary>The question's lead-in before the response.</summary>
    public const string Lead = "Is the following description of the image accurate? ";

    /// <inheritdoc />
    public string ExtractorId => "whole";

    /// <inheritdoc />
    public string RewriterId => "whole";

    /// <inheritdoc />
    public Task<IReadOnlyList<IReadOnlyList<string>>> ExtractAsync(IReadOnlyList<ClaimRequest> batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<IReadOnlyList<string>> result = batch
            .Select(r => string.IsNullOrWhiteSpace(r.Response) ? (IReadOnlyList<string>)[] : [r.Response.Trim()])
            .ToList();
        return Task.FromResult(result);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> RewriteAsync(IReadOnlyList<QuestionRequest> claims, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> result = claims.Select(c => Lead + c.Claim.Trim()).ToList();
        return Task.FromResult(result);
    }
}
