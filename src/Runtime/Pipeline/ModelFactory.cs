using RlaifV.Runtime.Config;
using RlaifV.Stages.Models;
using RlaifV.Stages.Rules;

namespace RlaifV.Runtime.Pipeline;

/// <summary>Builds the models a run needs from the models section of pipeline.yaml.</summary>
public static class ModelFactory
{
    /// <summary>The model set for <paramref name="options"/>; a missing backend is a config error naming its key.</summary>
    public static ModelSet Build(PipelineOptions options)
    {
        var policy = Require<IPolicySampler>(options.Models.Policy, "models.policy");
        var labeler = Require<IYesNoLabeler>(options.Models.Labeler, "models.labeler");
        var needsLlm = options.Claims.Extractor == "llm" || options.Questions.Rewriter == "llm";
        var llm = needsLlm ? Require<ITextGenerator>(options.Models.Llm, "models.llm") : null;
        IClaimExtractor extractor = options.Claims.Extractor == "llm"
            ? new LlmClaimExtractor(llm!, options.Claims.Template,
                new GenerationSettings { Temperature = options.Claims.Temperature, TopP = options.Claims.TopP, MaxNewTokens = options.Claims.MaxNewTokens },
                options.Claims.MaxWords)
            : new RuleBasedClaimExtractor();
        IQuestionRewriter rewriter = options.Questions.Rewriter == "llm"
            ? new LlmQuestionRewriter(llm!, options.Questions.Template,
                new GenerationSettings { Temperature = options.Questions.Temperature, MaxNewTokens = options.Questions.MaxNewTokens },
                options.Run.GlobalSeed)
            : new RuleBasedQuestionRewriter();
        return new ModelSet(policy, extractor, rewriter, labeler);
    }

    private static T Require<T>(ModelOptions model, string key) where T : class =>
        model.Backend switch
        {
            "none" => throw new ConfigException($"{key}.backend = none: generate needs this model; set backend to llava and path to a checkpoint folder"),
            var other => throw new ConfigException($"{key}.backend = {other}: this build has no such backend; allowed: llava"),
        };
}
