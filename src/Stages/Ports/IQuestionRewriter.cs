namespace RlaifV.Stages.Ports;

/// <summary>Turns claims into yes/no questions with the same meaning (negation kept).</summary>
public interface IQuestionRewriter
{
    /// <summary>Id of the rewriter.</summary>
    string RewriterId { get; }

    /// <summary>One polar question per claim, without the answer-format suffix (the stage appends it).</summary>
    Task<IReadOnlyList<string>> RewriteAsync(IReadOnlyList<QuestionRequest> claims, CancellationToken cancellationToken);
}
