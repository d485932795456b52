using RlaifV.Orchestration;
using RlaifV.Runtime.Config;
using RlaifV.Schemas;
using RlaifV.Stages.Options;
using RlaifV.World.Experiments;

namespace RlaifV.Runtime.Composition;

/// <summary>
/// Each round's prompts for <c>input.source</c>, and the evaluator when the prompts have ground truth. This is where the
/// host registers the built-in world (<c>input.source: world</c>); the rest of the host only sees the contracts.
/// </summary>
internal static class RoundInputs
{
    /// <summary>The prompts of every round and, for the world with held-out scenes, the evaluator.</summary>
    public static (IRoundPrompts Prompts, IRunEvaluator? Evaluator) For(PipelineOptions options)
    {
        switch (options.Input.Source)
        {
            case InputSource.World:
                var world = new WorldRounds(options.World, options.Run.PromptsPerRound, options.Sampling.MaxNewTokens);
                return (world, options.World.HeldOut > 0 ? world : null);
            case InputSource.File:
                if (string.IsNullOrWhiteSpace(options.Input.Path)) throw new ConfigException("input.path is empty: rlaifv run takes each round's prompts from input.path (run.prompts_per_round records per round), or set input.source: world");
                return (new FileRoundPrompts(options.Input.Path, options.Input.Format, options.Run.PromptsPerRound), null);
            default:
                throw new ConfigException($"input.source = {EnumNames.Of(options.Input.Source)}: rlaifv run puts each round's prompts on the prompts topic itself; use file (with input.path) or world");
        }
    }
}
