namespace RlaifV.Stages.Ports;

/// <summary>Turns claims into yes/no questions with the same meaning (negation kept).</summary>
public interface IQuestionRewriter
{
    /// <summary>Id of the rewriter.</summary>
    string RewriterId { get; }

    /// <summary>
    /// For each request (one response's claims), one polar question per claim in claim order, without the answer-format
    /// suffix (the stage appends it). A rewriter that cannot align its answer with a request's claims throws
    /// <see cref="InputRejectedException"/>: a misaligned question would label the wrong claim.
    /// </summary>
    Task<IReadOnlyList<IReadOnlyList<string>>> RewriteAsync(IReadOnlyList<RewriteRequest> batch, CancellationToken cancellationToken);
}
