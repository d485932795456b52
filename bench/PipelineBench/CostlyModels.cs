using RlaifV.Stages.Ports;
using RlaifV.Stages.Rules;
using RlaifV.TestKit;

namespace RlaifV.PipelineBench;

/// <summary>Model doubles that wait a fixed time per call plus per item, like a batched GPU call.</summary>
internal static class CostlyModels
{
    public static async Task Cost(double perCallMs, double perItemMs, int items, CancellationToken ct)
    {
        var ms = perCallMs + perItemMs * items;
        if (ms > 0) await Task.Delay(TimeSpan.FromMilliseconds(ms), ct);
    }

    internal sealed class Policy(double perCallMs, double perRowMs) : IPolicySampler
    {
        private readonly ShapesPolicy inner = new();

        public string ModelId => inner.ModelId;

        public async Task<IReadOnlyList<SampledText>> SampleAsync(IReadOnlyList<SamplingRequest> batch, GenerationSettings settings, CancellationToken cancellationToken)
        {
            await Cost(perCallMs, perRowMs, batch.Count, cancellationToken);
            return await inner.SampleAsync(batch, settings, cancellationToken);
        }
    }

    internal sealed class Extractor(double perCallMs, double perItemMs) : IClaimExtractor
    {
        public string ExtractorId => "rules";

        public async Task<IReadOnlyList<IReadOnlyList<string>>> ExtractAsync(IReadOnlyList<ClaimRequest> batch, CancellationToken cancellationToken)
        {
            await Cost(perCallMs, perItemMs, batch.Count, cancellationToken);
            return await new RuleBasedClaimExtractor().ExtractAsync(batch, cancellationToken);
        }
    }

    internal sealed class Rewriter(double perCallMs, double perItemMs) : IQuestionRewriter
    {
        public string RewriterId => "rules";

        public async Task<IReadOnlyList<string>> RewriteAsync(IReadOnlyList<QuestionRequest> claims, CancellationToken cancellationToken)
        {
            await Cost(perCallMs, perItemMs, claims.Count, cancellationToken);
            return await new RuleBasedQuestionRewriter().RewriteAsync(claims, cancellationToken);
        }
    }

    internal sealed class Labeler(double perCallMs, double perItemMs) : IYesNoLabeler
    {
        private readonly ColourLabeler inner = new();

        public string ModelId => inner.ModelId;

        public async Task<IReadOnlyList<YesNoProbabilities>> ProbeAsync(IReadOnlyList<YesNoRequest> batch, CancellationToken cancellationToken)
        {
            await Cost(perCallMs, perItemMs, batch.Count, cancellationToken);
            return await inner.ProbeAsync(batch, cancellationToken);
        }
    }
}
