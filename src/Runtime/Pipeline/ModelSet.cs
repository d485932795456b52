using RlaifV.Stages.Models;

namespace RlaifV.Runtime.Pipeline;

/// <summary>The four model-facing parts one generation run needs, and the loaded backends it owns.</summary>
/// <param name="Policy">Samples candidates.</param>
/// <param name="Extractor">Divides responses into claims.</param>
/// <param name="Rewriter">Turns claims into polar questions.</param>
/// <param name="Labeler">Answers the questions with the image.</param>
public sealed record ModelSet(IPolicySampler Policy, IClaimExtractor Extractor, IQuestionRewriter Rewriter, IYesNoLabeler Labeler) : IDisposable
{
    /// <summary>Backends loaded for this set (disposed with it).</summary>
    public IReadOnlyList<IDisposable> Owned { get; init; } = [];

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var owned in Owned) owned.Dispose();
    }
}
