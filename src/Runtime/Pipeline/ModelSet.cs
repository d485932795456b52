using RlaifV.Stages.Models;

namespace RlaifV.Runtime.Pipeline;

/// <summary>The four model-facing parts one generation run needs.</summary>
/// <param name="Policy">Samples candidates.</param>
/// <param name="Extractor">Divides responses into claims.</param>
/// <param name="Rewriter">Turns claims into polar questions.</param>
/// <param name="Labeler">Answers the questions with the image.</param>
public sealed record ModelSet(IPolicySampler Policy, IClaimExtractor Extractor, IQuestionRewriter Rewriter, IYesNoLabeler Labeler);
