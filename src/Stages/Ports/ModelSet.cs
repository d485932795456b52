using RlaifV.Stages.Options;
using RlaifV.Stages.Rules;

namespace RlaifV.Stages.Ports;

/// <summary>The model-facing parts one generation run needs, and the loaded backends it owns.</summary>
/// <param name="Policy">Samples candidates.</param>
/// <param name="Extractor">Divides responses into claims.</param>
/// <param name="Rewriter">Turns claims into polar questions.</param>
/// <param name="Labeler">Answers the questions with the image.</param>
/// <param name="Images">Decodes every prompt's image completely at ingest, so the models never get one they cannot read.</param>
public sealed record ModelSet(IPolicySampler Policy, IClaimExtractor Extractor, IQuestionRewriter Rewriter, IYesNoLabeler Labeler, IImageDecoder Images) : IDisposable
{
    /// <summary>Backends loaded for this set (disposed with it).</summary>
    public IReadOnlyList<IDisposable> Owned { get; init; } = [];

    /// <summary>Whether <paramref name="options"/> name a text model (<c>claims.extractor</c> or <c>questions.rewriter</c> is llm).</summary>
    public static bool NeedsTextModel(StageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Claims.Extractor == ClaimExtractorKind.Llm || options.Questions.Rewriter == QuestionRewriterKind.Llm;
    }

    /// <summary>
    /// The set of <paramref name="policy"/>, <paramref name="labeler"/> and the image decoder <paramref name="images"/> with the claim extractor and question rewriter
    /// that <c>claims.extractor</c> and <c>questions.rewriter</c> name: the rules, whole-response feedback, or prompts to
    /// <paramref name="llm"/> (needed when either is llm).
    /// </summary>
    public static ModelSet Compose(IPolicySampler policy, IYesNoLabeler labeler, ITextGenerator? llm, IImageDecoder images, StageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (NeedsTextModel(options)) ArgumentNullException.ThrowIfNull(llm);
        var claims = options.Claims;
        var questions = options.Questions;
        IClaimExtractor extractor = claims.Extractor switch
        {
            ClaimExtractorKind.Llm => new LlmClaimExtractor(llm!, claims.Template,
                new GenerationSettings { Temperature = claims.Temperature, TopP = claims.TopP, MaxNewTokens = claims.MaxNewTokens }, claims.MaxWords),
            ClaimExtractorKind.Whole => new WholeResponseFeedback(),
            _ => new RuleBasedClaimExtractor(),
        };
        IQuestionRewriter rewriter = questions.Rewriter switch
        {
            QuestionRewriterKind.Llm => new LlmQuestionRewriter(llm!, questions.Template,
                new GenerationSettings { Temperature = questions.Temperature, TopP = questions.TopP, MaxNewTokens = questions.MaxNewTokens }),
            QuestionRewriterKind.Whole => new WholeResponseFeedback(),
            _ => new RuleBasedQuestionRewriter(),
        };
        return new ModelSet(policy, extractor, rewriter, labeler, images);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var owned in Owned) owned.Dispose();
    }
}
